// The parts of a Service Worker's global scope this package uses (the DOM library the package compiles with does not
// declare them).

export interface WorkerClient {
  readonly id: string;
  postMessage(message: unknown): void;
}

export interface FetchEventLike extends Event {
  readonly request: Request;
  readonly clientId: string;
  respondWith(response: Promise<Response> | Response): void;
}

export interface ExtendableMessageEventLike extends Event {
  readonly data: unknown;
  readonly source: WorkerClient | null;
  readonly ports: readonly MessagePort[];
}

export interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

export interface ServiceWorkerScope {
  readonly location: { readonly origin: string };
  readonly clients: {
    get(id: string): Promise<WorkerClient | undefined>;
    matchAll(options: { type: 'window'; includeUncontrolled?: boolean }): Promise<readonly WorkerClient[]>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
  addEventListener(type: 'message', listener: (e: ExtendableMessageEventLike) => void): void;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEventLike) => void): void;
}
