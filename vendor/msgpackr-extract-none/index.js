'use strict';
// msgpackr requires this inside try/catch and uses its pure-JavaScript decoder when it throws.
throw new Error('msgpackr native acceleration is not installed');
