package dev.stockroom.http;

import static dev.stockroom.support.Api.newTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Malformed bytes below the resources still get problem documents: a body that is not valid UTF-8 (an
 * overlong {@code C0 AF}, which a lenient decoder reads as {@code /}), and raw bytes in the request line, whose
 * {@code instance} must still be a valid URI reference. Sent over a plain socket, since HTTP clients refuse to
 * send such requests. A client that hangs up before its body arrives is no server error.
 */
@QuarkusTest
class LowerLayerProblemsTest {

    @Test
    void aBodyThatIsNotValidUtf8IsRefused() throws IOException {
        String key = newTenant("utf8").adminKey();
        byte[] overlong = "{\"sku\":\"OVER-1\",\"name\":\"a\u0000b\",\"price\":1,\"currency\":\"EUR\",\"stock\":1}"
                .getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < overlong.length; i++) {
            if (overlong[i] == 0) {
                overlong = splice(overlong, i, new byte[] { (byte) 0xC0, (byte) 0xAF });
                break;
            }
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /api/v1/products HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + overlong.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(overlong);
        Raw answer = send(request.toByteArray());
        assertEquals(400, answer.status(), answer.toString());
        assertEquals("https://stockroom.dev/problems/invalid-body", JsonPath.from(answer.body()).getString("type"));
    }

    @Test
    void theInstanceOfAProblemIsAlwaysAValidUriReference() throws Exception {
        String key = newTenant("instance").adminKey();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes("GET /api/v1/products/".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xFE });
        request.writeBytes((" HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + key + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        Raw answer = send(request.toByteArray());
        assertTrue(answer.status() >= 400 && answer.status() < 500, answer.toString());
        String instance = JsonPath.from(answer.body()).getString("instance");
        assertNotNull(instance, answer.toString());
        assertEquals(instance, new URI(instance).toString(), "parses as a URI reference");
        assertEquals("/api/v1/products/%FF%FE", instance, "the raw bytes, percent-encoded");
    }

    @Test
    void aClientThatHangsUpMidBodyLeavesNoServerError() throws Exception {
        // Hanging up mid-body is free for a client; were it a server error, each would log a stack trace.
        String key = newTenant("hang-up").adminKey();
        Logger log = Logger.getLogger(ProblemMappers.class.getName());
        List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add((ExtLogRecord) record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level was = log.getLevel();
        log.setLevel(Level.FINE);
        log.addHandler(capture);
        try {
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.getOutputStream().write(("POST /api/v1/products HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + key
                        + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"sku\":\"HANG-1\"")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(300); // the request reaches the body's reader, which waits for the rest of it
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (records.stream().noneMatch(r -> r.getFormattedMessage().contains("/api/v1/products"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<String> messages = records.stream().map(r -> r.getLevel() + " " + r.getFormattedMessage()).toList();
            assertTrue(messages.stream().anyMatch(m -> m.contains("/api/v1/products answered 400")), messages.toString());
            assertTrue(records.stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()),
                    messages.toString());
        } finally {
            log.removeHandler(capture);
            log.setLevel(was);
        }
    }

    private record Raw(int status, String head, String body) {
    }

    private static Raw send(byte[] request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int split = response.indexOf("\r\n\r\n");
            String head = split < 0 ? response : response.substring(0, split);
            String body = split < 0 ? "" : response.substring(split + 4);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    private static byte[] splice(byte[] bytes, int at, byte[] replacement) {
        byte[] out = new byte[bytes.length - 1 + replacement.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(replacement, 0, out, at, replacement.length);
        System.arraycopy(bytes, at + 1, out, at + replacement.length, bytes.length - at - 1);
        return out;
    }
}
