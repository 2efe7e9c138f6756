package dev.stockroom.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.Socket;
import java.nio.channels.Channel;
import java.sql.Connection;
import java.time.Clock;
import java.util.HashSet;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.Timer;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;

import dev.stockroom.cache.TenantCached;
import dev.stockroom.http.Problem;
import dev.stockroom.localcache.LocalCaches;

/**
 * What a native image needs and the JVM never checks. Each rule names a failure that a native build once
 * showed: randomness baked into the image, entity types hidden behind {@code Response}, and classes that
 * Jackson or Caffeine reach by reflection without registration.
 */
class NativeReadinessTest {

    private static final JavaClasses MAIN = MainClasses.imported();

    @Test
    void resourceMethodsDeclareTheirEntityType() {
        // Quarkus registers for reflection the types that resource methods declare; an untyped Response hides
        // its entity, which then fails to serialize in a native image (500 with an empty body).
        methods().that().areMetaAnnotatedWith(HttpMethod.class)
                .should().notHaveRawReturnType(Response.class)
                .because("a native image can only serialize the entity types that resource methods declare: "
                        + "return the entity or RestResponse<T>")
                .check(MAIN);
    }

    @Test
    void noStaticStateThatMustBeCreatedAtRunTime() {
        Set<String> runTimeInitialized = runTimeInitializedClasses();
        DescribedPredicate<JavaClass> mustNotBeBaked = assignableTo(Random.class)
                .or(assignableTo(Thread.class)).or(assignableTo(Executor.class)).or(assignableTo(Timer.class))
                .or(assignableTo(Socket.class)).or(assignableTo(Connection.class))
                .or(assignableTo(Channel.class)).or(assignableTo(Clock.class))
                .as("a Random, thread, executor, timer, socket, connection, channel or clock");
        noFields().that().areStatic()
                .and(describe("are declared in classes initialized at build time",
                        (JavaField field) -> !runTimeInitialized.contains(field.getOwner().getName())))
                .should().haveRawType(mustNotBeBaked)
                .because("application classes are initialized while the native image is built: a static "
                        + "Random, thread, executor, connection or clock would be created then and baked into "
                        + "the image; hold it in a bean, or list the class in --initialize-at-run-time")
                .check(MAIN);
    }

    @Test
    void onlyLocalCachesBuildsCaffeineCaches() {
        noClasses().that().doNotHaveFullyQualifiedName(LocalCaches.class.getName())
                .should().callMethod(Caffeine.class, "newBuilder")
                .because("Caffeine loads a generated class per configuration by name; LocalCaches registers "
                        + "those of the configurations it offers, and LocalCachesTest checks them")
                .check(MAIN);
    }

    @Test
    void everyTypeSerializedOutsideRestIsRegisteredForReflection() {
        Set<Class<?>> roots = new HashSet<>();
        // @TenantCached values are stored as JSON, and their arguments are hashed as JSON.
        for (JavaClass owner : MAIN) {
            for (var method : owner.getMethods()) {
                if (method.isAnnotatedWith(TenantCached.class)) {
                    Method reflected = method.reflect();
                    roots.addAll(JsonTypes.reachableFrom(reflected.getGenericReturnType()));
                    for (var parameter : reflected.getGenericParameterTypes()) {
                        roots.addAll(JsonTypes.reachableFrom(parameter));
                    }
                }
            }
        }
        // Payloads that the Redis client encodes itself: the class literals handed to its typed commands.
        for (JavaClass owner : MAIN) {
            for (JavaCodeUnit unit : owner.getCodeUnits()) {
                boolean passesTypesToRedis = unit.getMethodCallsFromSelf().stream().anyMatch(call -> call
                        .getTargetOwner().getPackageName().startsWith("io.quarkus.redis.datasource")
                        && call.getTarget().getRawParameterTypes().stream()
                                .anyMatch(type -> type.isEquivalentTo(Class.class)));
                if (passesTypesToRedis) {
                    unit.getReferencedClassObjects().stream()
                            .map(reference -> reference.getRawType())
                            .filter(type -> type.getPackageName().startsWith("dev.stockroom"))
                            .forEach(type -> roots.addAll(JsonTypes.reachableFrom(type.reflect())));
                }
            }
        }
        // Exception mappers answer with an untyped Response whose entity is a Problem.
        roots.addAll(JsonTypes.reachableFrom(Problem.class));
        Set<String> registered = Registrations.of(MAIN);
        Set<String> missing = roots.stream().map(Class::getName).filter(name -> !registered.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing, "serialized outside REST but not @RegisterForReflection (checked "
                + roots.size() + " types)");
    }

    /** The classes named in {@code --initialize-at-run-time=} of {@code quarkus.native.additional-build-args}. */
    private static Set<String> runTimeInitializedClasses() {
        Properties properties = new Properties();
        try (InputStream in = NativeReadinessTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Matcher matcher = Pattern.compile("--initialize-at-run-time=([^,\\s]+(?:\\\\?,[^,\\s-][^,\\s]*)*)")
                .matcher(properties.getProperty("quarkus.native.additional-build-args", ""));
        Set<String> classes = new TreeSet<>();
        while (matcher.find()) {
            Stream.of(matcher.group(1).split("\\\\?,")).forEach(classes::add);
        }
        return classes;
    }
}
