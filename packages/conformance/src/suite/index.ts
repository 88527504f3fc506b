// The suite files, in the order every runtime runs them. Add a suite file here (see README.md).
import type { Suite } from '../harness/suite-api.js';
import { runtime } from './runtime.js';
import { vectors } from './vectors.js';
import { roundTrip } from './round-trip.js';
import { ranges } from './ranges.js';
import { integrity } from './integrity.js';
import { fromNode } from './from-node.js';
import { fetchTransport } from './fetch-transport.js';

export const SUITES: readonly Suite[] = [runtime, vectors, roundTrip, ranges, integrity, fromNode, fetchTransport];
