package dev.stockroom.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Rejects a JSON body that is not valid UTF-8 with 400 {@code invalid-body} before Jackson reads it. Jackson
 * decodes UTF-8 leniently: an overlong form such as {@code C0 AF} became {@code /}, which would let a value
 * pass a check on its bytes and be stored as another. The JDK's decoder refuses overlong forms, surrogates
 * and truncated sequences (RFC 3629). Bodies are at most {@code max-body-size} (1 MiB), held in memory anyway.
 */
@Provider
public class StrictUtf8Bodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
        MediaType type = context.getMediaType();
        if (type == null || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw Problem.of(400, "invalid-body").detail("The body is not valid UTF-8").exception();
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
