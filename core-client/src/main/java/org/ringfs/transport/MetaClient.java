package org.ringfs.transport;

import org.ringfs.api.MetaService;
import org.ringfs.security.RequestSigner;

import javax.net.ssl.SSLContext;
import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * {@link MetaService} over XML-RPC: every method is sent as its row of the call table
 * ({@link org.ringfs.api.MetaCalls}), so a new call needs nothing here. Faults come back as
 * RingFsExceptions with their error codes.
 */
public interface MetaClient extends MetaService {

    /**
     * A client of the meta server at {@code address}. Both security settings are stated, so none is
     * dropped by picking a shorter overload (a WebDAV front once called meta over http although
     * given a truststore).
     *
     * @param address host:port of the meta server
     * @param signer  signs every call with the cluster secret; null for a cluster that runs open
     * @param tls     speak https, trusting what this context trusts; null for plain http
     */
    static MetaClient connect(String address, Duration timeout, RequestSigner signer, SSLContext tls) {
        return (MetaClient) Proxy.newProxyInstance(MetaClient.class.getClassLoader(), new Class<?>[] {MetaClient.class},
                new MetaCallSender(address, timeout, signer, tls));
    }

    /** host:port of the meta server. */
    String address();

    /**
     * From the first cluster map on, every call names that cluster's id and a meta of another
     * cluster refuses it (WRONG_CLUSTER): what a file-system client wants. Data servers keep their
     * own record of the cluster instead (they must also talk to a meta that refuses them).
     */
    MetaClient pinnedToFirstCluster();

    /**
     * A call meta did not answer (down, restarting, the connection broke) is sent again, with the
     * same name, until {@code window} has passed: meta answers a mutation it already carried out
     * with its first reply, so the retry is safe. The default is no retry.
     */
    MetaClient retryingFor(Duration window);
}
