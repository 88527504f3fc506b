// The ready-made decrypting Service Worker: register this file (bundled as its own entry) with
// registerDecryptingServiceWorker({ url }). An app with a worker of its own calls installDecryptingServiceWorker()
// in it instead.
import { installDecryptingServiceWorker } from './install.js';

installDecryptingServiceWorker();
