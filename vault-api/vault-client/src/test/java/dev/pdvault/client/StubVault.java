package dev.pdvault.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/**
 * An in-JVM HTTP server that answers from a script and keeps every request it received, to test the client's
 * protocol (retries, batching, problem mapping) without a vault.
 */
final class StubVault implements AutoCloseable {

    record Received(String method, String path, String body) {
    }

    record Answer(int status, Map<String, String> headers, String body) {

        static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body);
        }

        static Answer problem(int status, String reason, Map<String, String> headers) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put("Content-Type", "application/problem+json");
            return new Answer(status, all, "{\"type\":\"https://pdvault.dev/problems/" + reason
                    + "\",\"title\":\"Stub " + reason + "\",\"status\":" + status + ",\"detail\":\"stub\"}");
        }

        static Answer problem(int status, String reason) {
            return problem(status, reason, Map.of());
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Function<Received, Answer>> script = new ConcurrentLinkedDeque<>();
    private final HttpServer server;

    StubVault() throws IOException {
        this(0);
    }

    StubVault(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The next answers, in order; the last one repeats. */
    StubVault answer(Answer... answers) {
        for (Answer answer : answers) {
            script.add(request -> answer);
        }
        return this;
    }

    StubVault answer(Function<Received, Answer> answer) {
        script.add(answer);
        return this;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body);
        received.add(request);
        Function<Received, Answer> next = script.size() > 1 ? script.poll() : script.peek();
        Answer answer = next == null ? Answer.problem(500, "no-script") : next.apply(request);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A free port with nothing listening on it: connections to it are refused. */
    static int refusingPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A server that reads each request completely and then closes the connection without answering: the request
     * reached the server, the answer never came.
     */
    static final class Hangup implements AutoCloseable {

        final List<String> requestLines = new CopyOnWriteArrayList<>();
        private final ServerSocket socket;
        private final Thread acceptor;

        Hangup() throws IOException {
            socket = new ServerSocket(0);
            acceptor = new Thread(this::serve, "hangup-stub");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    InputStream in = connection.getInputStream();
                    String head = readHead(in);
                    requestLines.add(head.lines().findFirst().orElse(""));
                    int length = head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                            .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
                    in.readNBytes(length);
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) != -1) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
