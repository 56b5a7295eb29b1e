package org.ringfs.transport;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.apache.xmlrpc.serializer.ByteArraySerializer;
import org.apache.xmlrpc.serializer.TypeSerializer;
import org.junit.jupiter.api.Test;
import org.xml.sax.ContentHandler;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** byte[] values on the meta wire: the JDK's base64, written exactly as Apache's serializer writes them. */
class Base64SerializerTest {
    private static String write(TypeSerializer serializer, byte[] value) throws Exception {
        XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
        config.setEncoding("UTF-8");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContentHandler h = XmlRpcHardening.xmlWriterFactory().getXmlWriter(config, out);
        h.startDocument();
        serializer.write(h, value);
        h.endDocument();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<byte[]> values() {
        Arbitrary<Integer> sizes = Arbitraries.oneOf(Arbitraries.integers().between(0, 5000),
                Arbitraries.of(0, 1, 2, 3, 4, 766, 767, 768, 769, 770, 1535, 1536, 1537));
        return sizes.flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n));
    }

    @Property(tries = 300)
    void writesWhatApachesSerializerWrites(@ForAll("values") byte[] value) throws Exception {
        assertThat(write(new XmlRpcHardening.Base64Serializer(), value)).isEqualTo(write(new ByteArraySerializer(), value));
    }

    @Test
    void theTypeFactoryWritesByteArraysWithIt() throws Exception {
        XmlRpcClient client = new XmlRpcClient();
        TypeSerializer s = XmlRpcHardening.typeFactory(client).getSerializer(new XmlRpcClientConfigImpl(), new byte[] {1, 2, 3});
        assertThat(s).isInstanceOf(XmlRpcHardening.Base64Serializer.class);
        assertThat(write(s, "any carnal pleasure".getBytes(StandardCharsets.US_ASCII)))
                .endsWith("<value><base64>YW55IGNhcm5hbCBwbGVhc3VyZQ==</base64></value>");
    }
}
