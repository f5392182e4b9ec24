package org.kycsuite.localcloud.sfn.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.file.Path;
import org.kycsuite.localcloud.Arns;
import org.kycsuite.localcloud.EventPublisher;
import org.kycsuite.localcloud.StateMachineStarter;
import org.kycsuite.localcloud.edge.EdgeServer;
import org.kycsuite.localcloud.sfn.Executions;
import org.kycsuite.localcloud.sfn.StateMachineProvisioner;
import org.kycsuite.localcloud.sfn.StateMachines;
import org.kycsuite.localcloud.sfn.TaskTokens;
import org.kycsuite.localcloud.sfn.integrations.EventsIntegration;
import org.kycsuite.localcloud.sfn.integrations.FunctionUrls;
import org.kycsuite.localcloud.sfn.integrations.LambdaInvoker;
import org.kycsuite.localcloud.sfn.integrations.SqsIntegration;
import org.kycsuite.localcloud.sfn.store.SfnStore;
import org.kycsuite.localcloud.sfn.store.TaskStore;
import org.kycsuite.localcloud.sqs.SqsJsonClient;
import org.kycsuite.localcloud.store.Database;
import org.kycsuite.localcloud.store.DocumentStore;
import org.kycsuite.localcloud.template.ResourceProvisioners;

/**
 * The Step Functions engine of the local cloud (part 2): the API on the edge, the ASL interpreter with
 * its integrations, durable executions, and the template provisioners for state machines and functions.
 */
public final class StepFunctions implements AutoCloseable {

    private final StateMachines stateMachines;
    private final Executions executions;
    private final StepFunctionsService service;
    private final SfnStore store;

    private StepFunctions(StateMachines stateMachines, Executions executions, StepFunctionsService service,
                          SfnStore store) {
        this.store = store;
        this.stateMachines = stateMachines;
        this.executions = executions;
        this.service = service;
    }

    /** Everything the engine needs from the rest of the local cloud. */
    public record Wiring(Database database, Path dataDir, DocumentStore documents, ObjectMapper mapper,
                         Arns arns, HttpClient http, SqsJsonClient sqs) {
    }

    /** Builds the engine; {@link #attach} registers it, {@link #resume} continues running executions. */
    public static StepFunctions create(Wiring wiring, FunctionUrls functions, LazyPublisher publisher) {
        ObjectMapper mapper = wiring.mapper();
        SfnStore store = new SfnStore(wiring.database(), wiring.dataDir(), mapper);
        TaskTokens tokens = new TaskTokens(new TaskStore(store), mapper);
        StateMachines machines = new StateMachines(wiring.documents(), mapper, wiring.arns());
        Executions.Integrations integrations = new Executions.Integrations(
                new LambdaInvoker(wiring.http(), mapper, functions), new EventsIntegration(mapper, publisher),
                new SqsIntegration(mapper, wiring.sqs()));
        Executions executions = new Executions(mapper, wiring.arns(), store, tokens, machines, integrations);
        return new StepFunctions(machines, executions,
                new StepFunctionsService(mapper, machines, executions, store, tokens), store);
    }

    /** Registers the API on the edge and the state machine/function provisioners. */
    public void attach(EdgeServer edge, ResourceProvisioners provisioners, FunctionUrls functions) {
        edge.register(service);
        StateMachineProvisioner provisioner = new StateMachineProvisioner(stateMachines);
        provisioners.register("AWS::Serverless::StateMachine", provisioner)
                .register("AWS::StepFunctions::StateMachine", provisioner)
                .register("AWS::Serverless::Function", resource -> functions
                        .registerTemplateFunction(resource.logicalId(), resource.name())
                        .map(key -> "invoked at the URL of --function " + key)
                        .orElse("no URL configured (--function " + resource.name() + "=<url>); tasks calling it fail"))
                .register("AWS::Lambda::Function", resource -> functions
                        .registerTemplateFunction(resource.logicalId(), resource.name())
                        .map(key -> "invoked at the URL of --function " + key)
                        .orElse("no URL configured; tasks calling it fail"));
    }

    /** Resumes every execution that was running when the local cloud last stopped. */
    public void resume() {
        executions.resumeAll();
    }

    /** Threads running executions now (see {@link Executions#executionThreads()}). */
    public int executionThreads() {
        return executions.executionThreads();
    }

    public StateMachineStarter starter() {
        return executions;
    }

    @Override
    public void close() {
        executions.close();
        store.close();
    }

    /** The bus's publisher, set once the bus exists (the bus needs the starter first). */
    public static final class LazyPublisher implements EventPublisher {
        private volatile EventPublisher delegate;

        public void set(EventPublisher publisher) {
            this.delegate = publisher;
        }

        @Override
        public java.util.List<Result> putEvents(java.util.List<Entry> entries) {
            if (delegate == null) {
                throw new IllegalStateException("The event bus is not ready");
            }
            return delegate.putEvents(entries);
        }
    }
}
