package org.ringfs.transport;

import org.ringfs.api.MetaService;
import org.ringfs.security.RequestSigner;

import javax.net.ssl.SSLContext;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;

/**
 * {@link MetaService} over the meta wire, in binary ({@link org.ringfs.api.BinaryCall}) unless told
 * to speak XML-RPC ({@link #speakingXmlRpc()}): every method is sent as its row of the call table
 * ({@link org.ringfs.api.MetaCalls}), so a new call needs nothing here. Faults come back as
 * RingFsExceptions with their error codes.
 *
 * <p>Given the members of a meta group, the client sends to the member it last found to be master.
 * A member that is not master answers NOT_MASTER naming the master ({@link org.ringfs.api.MetaRedirect}),
 * and the call goes there at once; while no master is known (an election) or a member is unreachable,
 * the client asks the other members, with pauses, for its failover window
 * ({@link #failingOverFor(Duration)}), then fails UNAVAILABLE naming every member and its answer.
 */
public interface MetaClient extends MetaService {

    /**
     * A client of the meta server at {@code address}. Both security settings are stated, so none is
     * dropped by picking a shorter overload (a WebDAV front once called meta over http although
     * given a truststore).
     *
     * @param address host:port of the meta server, or the members of a meta group as a comma-separated
     *                list of host:port (see {@link MetaAddresses}); IllegalArgumentException when it is neither
     * @param signer  signs every call with the cluster secret; null for a cluster that runs open
     * @param tls     speak https, trusting what this context trusts; null for plain http
     */
    static MetaClient connect(String address, Duration timeout, RequestSigner signer, SSLContext tls) {
        return (MetaClient) Proxy.newProxyInstance(MetaClient.class.getClassLoader(), new Class<?>[] {MetaClient.class},
                new MetaCallSender(address, timeout, signer, tls));
    }

    /** host:port of the meta member this client sends to: the one it last found to be master. */
    String address();

    /** The meta members this client was given, in their order (one for a lone meta). */
    List<String> members();

    /**
     * From the first cluster map on, every call names that cluster's id and a meta of another
     * cluster refuses it (WRONG_CLUSTER): what a file-system client wants. Data servers keep their
     * own record of the cluster instead (they must also talk to a meta that refuses them).
     */
    MetaClient pinnedToFirstCluster();

    /**
     * From now on calls go as XML-RPC ({@link org.ringfs.api.MetaMethods#PATH}), meta's public wire,
     * instead of the binary form of the same calls, which costs both sides less CPU.
     */
    MetaClient speakingXmlRpc();

    /**
     * A call meta did not answer (down, restarting, the connection broke) is sent again, with the
     * same name, until {@code window} has passed: meta answers a mutation it already carried out
     * with its first reply, so the retry is safe. The default is no retry. With more than one member
     * the longer of this and the failover window applies.
     */
    MetaClient retryingFor(Duration window);

    /**
     * With more than one member: how long a call looks for the master (members unreachable, or
     * none knows a master) before it fails UNAVAILABLE. Every try carries the call's one name, so
     * a mutation the old master committed is answered with its first reply by the new one. Default
     * 30 s; zero asks each member once. A lone meta ignores it (see {@link #retryingFor}).
     */
    MetaClient failingOverFor(Duration window);
}
