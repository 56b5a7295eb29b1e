package org.ringfs.transport;

import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.junit.jupiter.api.Test;
import org.xml.sax.ContentHandler;
import org.xml.sax.helpers.AttributesImpl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The XML writer both sides of the meta wire use, on its own. */
class UnicodeXmlWriterTest {
    private static String write(String text) throws Exception {
        XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
        config.setEncoding("UTF-8");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContentHandler h = XmlRpcHardening.xmlWriterFactory().getXmlWriter(config, out);
        h.startDocument();
        h.startElement("", "s", "s", new AttributesImpl());
        char[] chars = text.toCharArray();
        h.characters(chars, 0, chars.length);
        h.endElement("", "s", "s");
        h.endDocument();
        String xml = out.toString(StandardCharsets.UTF_8);
        return xml.substring(xml.indexOf("<s>"));
    }

    @Test
    void supplementaryCharactersAreWrittenAsUtf8() throws Exception {
        String party = "\uD83C\uDF89";
        assertThat(write("/photos/" + party + ".jpg")).isEqualTo("<s>/photos/" + party + ".jpg</s>");
        assertThat(write(party)).isEqualTo("<s>" + party + "</s>");                        // a pair at the very end
        assertThat(write("\uD842\uDFB7e\u0301<&>")).isEqualTo("<s>\uD842\uDFB7e\u0301&lt;&amp;&gt;</s>");
        assertThat(write("x".repeat(8191) + party).getBytes(StandardCharsets.UTF_8))       // a pair across buffers
                .endsWith((party + "</s>").getBytes(StandardCharsets.UTF_8));
        assertThat(write("\uE000\uFFFD")).isEqualTo("<s>\uE000\uFFFD</s>");
    }

    @Test
    void loneSurrogatesAreRefused() {
        for (String bad : new String[] {"\uD83C", "\uDF89", "a\uD83Cb", "\uDF89\uD83C", "\uD83C\uD83C\uDF89"}) {
            assertThatThrownBy(() -> write(bad)).as(bad)
                    .isInstanceOf(XmlRpcHardening.UnpairedSurrogateException.class)
                    .hasMessageContaining("lone UTF-16 surrogate");
        }
    }

    @Test
    void faultMessagesLoseOnlyTheirLoneSurrogates() throws Exception {
        assertThat(XmlRpcHardening.withoutLoneSurrogates("/a/\uD83C\uDF89")).isEqualTo("/a/\uD83C\uDF89");
        assertThat(XmlRpcHardening.withoutLoneSurrogates("x\uD83Cy\uDF89\uDF89\uD83C\uDF89\uD83C"))
                .isEqualTo("x\uFFFDy\uFFFD\uFFFD\uD83C\uDF89\uFFFD");
        assertThat(write(XmlRpcHardening.withoutLoneSurrogates("no \uDC00 such file"))).isEqualTo("<s>no \uFFFD such file</s>");
    }
}
