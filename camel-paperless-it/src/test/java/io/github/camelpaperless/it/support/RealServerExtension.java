package io.github.camelpaperless.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.opentest4j.TestAbortedException;

/**
 * Runs each {@link RealServerTest} once per real server; skips everything, with the reason, when there is none; aborts
 * (never passes) the runs for a server that could not be started.
 */
public class RealServerExtension implements TestTemplateInvocationContextProvider, ExecutionCondition {

    private final java.util.function.Supplier<RealServers> servers;

    public RealServerExtension() {
        this(RealServers::get);
    }

    RealServerExtension(java.util.function.Supplier<RealServers> servers) {
        this.servers = servers;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = servers.get().skipReason();
        return reason == null ? ConditionEvaluationResult.enabled("real servers available")
                : ConditionEvaluationResult.disabled(reason);
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getRequiredTestMethod().isAnnotationPresent(RealServerTest.class)
               || context.getRequiredTestMethod().isAnnotationPresent(RealServersAtOnce.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        RealServers all = servers.get();
        List<TestTemplateInvocationContext> out = new ArrayList<>();
        for (RealServer s : all.servers()) {
            out.add(new Invocation("[" + s.displayName() + "]", s, null));
        }
        for (Map.Entry<String, String> p : all.problems().entrySet()) {
            out.add(new Invocation("[" + p.getKey() + "]", null, "Paperless-ngx " + p.getKey()
                                                                  + " could not be started: " + p.getValue()));
        }
        return out.stream();
    }

    private static final ExtensionContext.Namespace LOCK = ExtensionContext.Namespace.create(RealServerExtension.class, "busy");

    private static final class Invocation implements TestTemplateInvocationContext {
        private final String name;
        private final RealServer server;
        private final String problem;

        Invocation(String name, RealServer server, String problem) {
            this.name = name;
            this.server = server;
            this.problem = problem;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return name;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new ParameterResolver() {
                @Override
                public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
                    return pc.getParameter().getType() == RealServer.class;
                }

                @Override
                public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
                    return server;
                }
            }, (BeforeEachCallback) ec -> {
                if (problem != null) {
                    if (Boolean.getBoolean("paperless.it.require")) {
                        throw new AssertionError(problem + " (-Dpaperless.it.require=true)");
                    }
                    throw new TestAbortedException(problem);
                }
                // one test at a time per server (@RealServersAtOnce runs the two servers' at the same time)
                server.busy.acquire();
                ec.getStore(LOCK).put(server, Boolean.TRUE);
            }, (AfterEachCallback) ec -> {
                if (server != null) {
                    try {
                        server.runCleanups();
                    } finally {
                        if (ec.getStore(LOCK).remove(server) != null) {
                            server.busy.release();
                        }
                    }
                }
            });
        }
    }
}
