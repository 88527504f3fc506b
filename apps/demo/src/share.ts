// The demo's share viewer page (share.html): the library's viewer, fed by this page's fragment.
import { mountShareViewer } from '@oss-cse/browser';

mountShareViewer(document.getElementById('viewer')!, { workerUrl: '/oss-cse-sw.js' }).catch(() => undefined);
