/**
 * JSON text frames of the Kite ticker WebSocket, allocation-free once warm.
 * <p>
 * Client to server: {@link io.kiteticker.codec.text.SubscriptionRequestEncoder} writes
 * {@code {"a":"subscribe","v":[408065]}}, {@code {"a":"unsubscribe",…}} and {@code {"a":"mode","v":["full",[…]]}};
 * {@link io.kiteticker.codec.text.SubscriptionRequestDecoder} parses them on the server side (simulator).
 * <p>
 * Server to client: {@link io.kiteticker.codec.text.TextMessageDecoder} parses {@code {"type":…,"data":…}} frames
 * (order updates into a reusable {@link io.kiteticker.codec.text.OrderUpdate}, error text without JSON quotes, any
 * other type as raw {@code data}) with dsl-json; {@link io.kiteticker.codec.text.TextMessageEncoder} writes them
 * (simulator).
 * <p>
 * Decoders return result codes and never throw on bad input. Every instance belongs to one thread.
 */
package io.kiteticker.codec.text;
