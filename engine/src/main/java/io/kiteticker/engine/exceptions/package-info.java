/**
 * The typed, unchecked exceptions of the engine's control plane ({@link io.kiteticker.engine.KiteManager} and
 * {@link io.kiteticker.engine.KiteManagerBuilder}), all derived from
 * {@link io.kiteticker.engine.exceptions.KiteEngineException}. Their messages name API keys by id and connections by
 * index, never an API key or an access token. The data plane (connection agents) does not throw them: expected bad
 * input there is counted, not thrown.
 */
package io.kiteticker.engine.exceptions;
