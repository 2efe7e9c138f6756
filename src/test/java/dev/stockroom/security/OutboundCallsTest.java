package dev.stockroom.security;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.net.DatagramSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.vertx.core.http.HttpClient;
import io.vertx.core.net.NetClient;

/**
 * The service's code opens no connection of its own: outside local development (which, in dev and test
 * only, probes a Unix socket for a container runtime) no class uses an HTTP client, a URL connection or a
 * socket, so no request can make the service call an address of the client's choosing.
 */
class OutboundCallsTest {

    @Test
    void noClassOpensAConnectionOfItsOwn() {
        noClasses().that().resideOutsideOfPackage("dev.stockroom.localdev..")
                .should().dependOnClassesThat(resideInAnyPackage("java.net.http..", "jakarta.ws.rs.client..",
                        "org.eclipse.microprofile.rest.client..", "io.vertx.ext.web.client..",
                        "io.vertx.mutiny.ext.web.client..", "io.quarkus.rest.client..")
                        .or(assignableTo(URL.class)).or(assignableTo(URLConnection.class))
                        .or(assignableTo(Socket.class)).or(assignableTo(DatagramSocket.class))
                        .or(assignableTo(SocketChannel.class)).or(assignableTo(DatagramChannel.class))
                        .or(assignableTo(HttpClient.class)).or(assignableTo(NetClient.class)))
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.stockroom"));
    }
}
