// Baseline page: ali-oss's browser build alone, uploading a File and downloading it (STS credentials).
import OSS from 'ali-oss';

globalThis.ossCseBundle = async ({ file, sts, bucket, region }) => {
  const client = new OSS({
    bucket,
    region,
    accessKeyId: sts.accessKeyId,
    accessKeySecret: sts.accessKeySecret,
    stsToken: sts.securityToken,
  });
  await client.multipartUpload(file.name, file);
  return (await client.get(file.name)).content;
};
