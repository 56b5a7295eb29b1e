package org.ringfs.cli.admin;

import org.ringfs.cli.ClusterOptions;
import org.ringfs.security.ClusterSecret;
import org.ringfs.security.MetricsToken;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * {@code ringfs metrics-token}: prints the bearer token that opens {@code GET /metrics} on every
 * server and front of a cluster with a secret ({@link MetricsToken}), for Prometheus'
 * {@code bearer_token_file}. A cluster without a secret serves its metrics to anyone: exit 1, saying so.
 */
@Command(name = "metrics-token", mixinStandardHelpOptions = true,
        description = {"Print the bearer token Prometheus sends to scrape GET /metrics of the cluster's servers and fronts.",
                "It is derived from the cluster secret (the local cluster's, or --secret-file); keep it as secret:"
                        + " ringfs metrics-token > token && chmod 600 token"})
public final class MetricsTokenCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ClusterSecret secret = cluster.secret();
        if (secret == null) {
            spec.commandLine().getErr().println("ringfs: metrics-token: this cluster has no secret, so its metrics are open"
                    + " to anyone who reaches a server (give --secret-file, or --dir of a cluster that has one)");
            return 1;
        }
        spec.commandLine().getOut().println(MetricsToken.of(secret).value());
        return 0;
    }
}
