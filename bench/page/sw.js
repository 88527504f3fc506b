// The bench page's Service Worker: the ready-made decrypting worker of @oss-cse/browser (served by Vite at /sw.js).
import '@oss-cse/browser/sw';
