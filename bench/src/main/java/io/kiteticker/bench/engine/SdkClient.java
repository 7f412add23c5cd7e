package io.kiteticker.bench.engine;

import com.neovisionaries.ws.client.WebSocket;
import com.neovisionaries.ws.client.WebSocketFactory;
import com.neovisionaries.ws.client.WebSocketState;
import com.zerodhatech.ticker.KiteTicker;
import com.zerodhatech.ticker.OnTicks;
import io.kiteticker.codec.Mode;
import io.kiteticker.simulator.KiteSimulator;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The peer: Zerodha's official Java SDK (kiteconnect 3.5.1) on its own pipeline. {@code KiteTicker.connect()} always
 * dials {@code wss://ws.kite.trade}, so this does what it does, against the simulator: a
 * {@code com.neovisionaries.ws.client} (nv-websocket-client 2.3) socket from a default {@link WebSocketFactory}, the
 * SDK's own {@link KiteTicker#getWebsocketAdapter()} as the listener (it parses each binary message into
 * {@code ArrayList<Tick>} and calls the {@link OnTicks} listener on nv-websocket's reading thread), the SDK's 2.5 s
 * ping interval, and the same subscribe and mode JSON the SDK sends.
 */
final class SdkClient implements AutoCloseable
{
    private static final long SDK_PING_INTERVAL_MS = 2500;

    private final WebSocket webSocket;
    private final String apiKey;

    /**
     * Connect (blocking until the upgrade completes).
     *
     * @param simulator to connect to (plain or TLS, by its URI).
     * @param apiKey    a credential the simulator accepts (token from {@link RigSupport#accessToken(String)}).
     * @param onTicks   receives the SDK's tick lists.
     * @throws Exception if the connection fails.
     */
    SdkClient(final KiteSimulator simulator, final String apiKey, final OnTicks onTicks) throws Exception
    {
        this.apiKey = apiKey;
        final KiteTicker ticker = new KiteTicker(apiKey, RigSupport.accessToken(apiKey));
        ticker.setOnTickerArrivalListener(onTicks);
        ticker.setOnErrorListener(new com.zerodhatech.ticker.OnError()
        {
            @Override
            public void onError(final Exception exception)
            {
                System.err.println("SDK error: " + exception);
            }

            @Override
            public void onError(final com.zerodhatech.kiteconnect.kitehttp.exceptions.KiteException exception)
            {
                System.err.println("SDK error: " + exception.message);
            }

            @Override
            public void onError(final String error)
            {
                System.err.println("SDK error: " + error);
            }
        });

        final WebSocketFactory factory = new WebSocketFactory();
        if (simulator.isTls())
        {
            factory.setSSLContext(RigSupport.clientSslContext(simulator));
        }
        webSocket = factory.createSocket(simulator.uri(apiKey, RigSupport.accessToken(apiKey)));
        webSocket.addListener(ticker.getWebsocketAdapter());
        webSocket.setPingInterval(SDK_PING_INTERVAL_MS);
        webSocket.connect();
    }

    /**
     * Send the SDK's subscribe and mode requests.
     *
     * @param tokens to subscribe.
     * @param mode   for all of them.
     */
    void subscribe(final int[] tokens, final Mode mode)
    {
        webSocket.sendText(RigSupport.subscribeJson(tokens));
        webSocket.sendText(RigSupport.modeJson(mode, tokens));
    }

    /**
     * Send the SDK's unsubscribe request.
     *
     * @param tokens to unsubscribe.
     */
    void unsubscribe(final int[] tokens)
    {
        webSocket.sendText(RigSupport.unsubscribeJson(tokens));
    }

    /**
     * @return the api key this client authenticates with.
     */
    String apiKey()
    {
        return apiKey;
    }

    /**
     * Close and wait until nv-websocket's threads have finished (so the listener no longer runs).
     */
    @Override
    public void close()
    {
        webSocket.disconnect();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (WebSocketState.CLOSED != webSocket.getState() && System.nanoTime() - deadlineNs < 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
