/**
 * Replaying a recording into the live handler interfaces ({@code TickHandler}, {@code TextHandler}) through the live
 * decode path ({@code TickDecoder} then {@code TickEvent.decodeFrom}).
 */
package io.kiteticker.journal.replay;
