package io.github.iothubmqtt.camel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;

/** JSON between exchange bodies and the wire, for twin and method payloads. */
final class JsonBodies {

    private JsonBodies() {
    }

    /** Jackson's mapper, made on first use: a route that only sends text never loads Jackson's hundreds of classes. */
    static ObjectMapper json() {
        return Mapper.JSON;
    }

    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    }

    /**
     * The body as JSON bytes: text (String, byte[], streams) must already be JSON and is checked; anything else is
     * serialized by Jackson. An empty body gives no bytes.
     *
     * @param what names the body in error messages, e.g. "the reported patch"
     */
    static byte[] toJson(Exchange exchange, Object body, String what) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        byte[] text = asText(exchange, body);
        if (text == null) {
            return serialize(body, what);
        }
        if (text.length > 0) {
            readTree(text, what);
        }
        return text;
    }

    /** A JSON body both as the bytes for the wire and as the tree to check: each parsed or written once. */
    record Json(byte[] bytes, JsonNode tree) {
    }

    /**
     * Like {@link #toJson}, also giving the tree: text is parsed once, any other object converted once and written
     * from its tree. An empty body gives no bytes and a missing node.
     */
    static Json toJsonTree(Exchange exchange, Object body, String what) throws IOException {
        byte[] text = body == null ? new byte[0] : asText(exchange, body);
        if (text == null) {
            JsonNode tree = json().valueToTree(body);
            return new Json(serialize(tree, what), tree);
        }
        return new Json(text, text.length == 0 ? json().missingNode() : readTree(text, what));
    }

    /** A parsed tree as the chosen type, without parsing it again. */
    static Object fromTree(JsonNode tree, JsonBodyType type) {
        return switch (type) {
            case String -> tree.toString();
            case JsonNode -> tree;
            case Map -> json().convertValue(tree, Object.class);
        };
    }

    static JsonNode readTree(byte[] json, String what) {
        try {
            return json().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }

    /** Writes any object as JSON with Jackson. */
    static byte[] serialize(Object body, String what) {
        try {
            return json().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + what + " (" + body.getClass().getName() + ") to JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The bytes of a textual body (String as UTF-8, byte[], streams), or {@code null} for any other object. */
    static byte[] asText(Exchange exchange, Object body) throws IOException {
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            }
        }
        if (body instanceof StreamCache) {
            return exchange.getContext().getTypeConverter().convertTo(byte[].class, exchange, body);
        }
        return null;
    }
}
