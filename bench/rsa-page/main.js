// The Chromium side of bench/src/rsa-unwrap.mjs: core's RSA unwrap contenders measured in the page.
import * as core from '@oss-cse/core';
import { portableContenders, rsaUnwrapCase } from '../src/rsa-unwrap-case.mjs';

window.benchRsaUnwrap = (options) => rsaUnwrapCase(core, portableContenders(core), options);
