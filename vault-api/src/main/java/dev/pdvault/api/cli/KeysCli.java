package dev.pdvault.api.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The key-management command line for security teams: calls a running vault's {@code /v1/keys} endpoints and prints
 * the JSON answer. From the vault's jar:
 *
 * <pre>
 * java -cp vault-api.jar -Dloader.main=dev.pdvault.api.cli.KeysCli \
 *     org.springframework.boot.loader.launch.PropertiesLauncher status --url http://localhost:8080
 * </pre>
 *
 * The API key comes from {@code --key} or, better (it stays out of the process list), {@code VAULT_API_KEY}; the
 * vault's address from {@code --url} or {@code VAULT_URL}. Exit status: 0 done, 1 the vault answered with an error,
 * 2 a usage error, 3 refused (409: a state move the state machine forbids, or a version still in use).
 */
public final class KeysCli {

    static final String USAGE = """
            usage: KeysCli <command> [version] [--url URL] [--key API_KEY]
              status              KEK versions, states, data keys per version, ages, the rewrap job
              rotate              a new primary KEK version, and the rewrap job that moves every data key to it
              rewrap              start (or look at) the rewrap job
              progress            the rewrap job's progress
              suspend V           version V stops wrapping, keeps unwrapping
              activate V          a suspended (or pre-active) version V becomes active again
              retire V            version V is deactivated for good (unwraps until its keys are rewrapped)
              compromise V        version V is compromised: rewrap away from it starts at once
              destroy V           version V is destroyed (refused while data keys are wrapped by it)
              epoch               a whole KEK epoch: rotate, rewrap, retire and destroy unused versions
            --url defaults to $VAULT_URL or http://localhost:8080; --key to $VAULT_API_KEY
            """;

    /** One HTTP call to make. */
    record Invocation(String method, String path, String body, URI base, String apiKey) {
    }

    /** The arguments do not make a command. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private KeysCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static Invocation parse(String[] args, Map<String, String> env) throws UsageException {
        String url = env.getOrDefault("VAULT_URL", "http://localhost:8080");
        String key = env.get("VAULT_API_KEY");
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--url") || arg.equals("--key")) {
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                if (arg.equals("--url")) {
                    url = args[++i];
                } else {
                    key = args[++i];
                }
            } else if (arg.startsWith("--url=")) {
                url = arg.substring(6);
            } else if (arg.startsWith("--key=")) {
                key = arg.substring(6);
            } else if (arg.startsWith("--")) {
                throw new UsageException("unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        if (positional.isEmpty()) {
            throw new UsageException("no command");
        }
        if (key == null || key.isBlank()) {
            throw new UsageException("no API key: set VAULT_API_KEY or pass --key");
        }
        URI base;
        try {
            base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url must be an http(s) URL");
        }
        String command = positional.get(0);
        int expected = switch (command) {
            case "status", "rotate", "rewrap", "progress", "epoch" -> 1;
            case "suspend", "activate", "retire", "compromise", "destroy" -> 2;
            default -> throw new UsageException("unknown command " + command);
        };
        if (positional.size() != expected) {
            throw new UsageException(expected == 2 ? command + " needs exactly one KEK version"
                    : command + " takes no version");
        }
        String version = expected == 2 ? URLEncoder.encode(positional.get(1), StandardCharsets.UTF_8) : null;
        return switch (command) {
            case "status" -> new Invocation("GET", "/v1/keys", null, base, key);
            case "rotate" -> new Invocation("POST", "/v1/keys/kek/rotation", null, base, key);
            case "rewrap" -> new Invocation("POST", "/v1/keys/kek/rewrap", null, base, key);
            case "progress" -> new Invocation("GET", "/v1/keys/kek/rewrap", null, base, key);
            case "epoch" -> new Invocation("POST", "/v1/keys/epochs", null, base, key);
            case "destroy" -> new Invocation("DELETE", "/v1/keys/kek/" + version, null, base, key);
            default -> new Invocation("POST", "/v1/keys/kek/" + version + "/state",
                    "{\"state\":\"" + switch (command) {
                        case "suspend" -> "SUSPENDED";
                        case "activate" -> "ACTIVE";
                        case "retire" -> "DEACTIVATED";
                        default -> "COMPROMISED";
                    } + "\"}", base, key);
        };
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Invocation call;
        try {
            call = parse(args, env);
        } catch (UsageException e) {
            err.println("KeysCli: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.base() + call.path()))
                .timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + call.apiKey())
                .header("Accept", "application/json");
        if (call.body() != null) {
            request.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            (status < 300 ? out : err).println(response.body());
            if (status < 300) {
                return 0;
            }
            err.println("KeysCli: the vault answered " + status);
            return status == 409 ? 3 : 1;
        } catch (IOException e) {
            err.println("KeysCli: cannot reach the vault at " + call.base() + ": " + e.getClass().getSimpleName());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
