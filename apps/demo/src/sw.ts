// The demo's Service Worker (served at /oss-cse-sw.js, see vite.config.ts): the ready-made decrypting worker.
import '@oss-cse/browser/sw';
