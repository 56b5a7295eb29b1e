package org.ringfs.meta.rpc;

import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.XmlRpcRequestConfig;
import org.junit.jupiter.api.Test;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaCall;
import org.ringfs.api.MetaCalls;
import org.ringfs.api.MetaService;

import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MetaDispatcherTest {
    /** A service whose every method fails the way a bug would. */
    private static final MetaService BROKEN = (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(),
            new Class<?>[] {MetaService.class}, (proxy, method, args) -> {
                throw new IllegalStateException("secret internal detail");
            });

    @Test
    void servesExactlyTheCallsOfTheTable() {
        Set<String> table = new TreeSet<>();
        for (MetaCall call : MetaCalls.all()) table.add(call.name());
        assertThat(new MetaDispatcher(BROKEN).methods()).containsExactlyElementsOf(table);
    }

    @Test
    void aBugBecomesAnInternalFaultWithoutItsDetails() throws Exception {
        XmlRpcException e = catchThrowableOfType(XmlRpcException.class,
                () -> new MetaDispatcher(BROKEN).getHandler("ringfs.stat").execute(request("ringfs.stat", "/")));
        assertThat(e.code).isEqualTo(ErrorCode.INTERNAL.faultCode());
        assertThat(e.getMessage()).doesNotContain("secret");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void unknownMethod() {
        XmlRpcException e = catchThrowableOfType(XmlRpcException.class, () -> new MetaDispatcher(BROKEN).getHandler("x"));
        assertThat(e.code).isEqualTo(ErrorCode.UNKNOWN_METHOD.faultCode());
    }

    private static XmlRpcRequest request(String method, Object... params) {
        return new XmlRpcRequest() {
            @Override public XmlRpcRequestConfig getConfig() { return null; }

            @Override public String getMethodName() { return method; }

            @Override public int getParameterCount() { return params.length; }

            @Override public Object getParameter(int i) { return params[i]; }
        };
    }
}
