/**
 * Fixtures every module's tests share: polling with deadlines, a per-thread allocation meter and the golden
 * vectors of the official Kite mocks.
 */
package io.kiteticker.testing;
