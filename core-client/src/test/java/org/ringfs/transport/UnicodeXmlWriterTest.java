package org.ringfs.transport;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.ws.commons.serialize.CharSetXMLWriter;
import org.apache.ws.commons.serialize.XMLWriter;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.apache.xmlrpc.serializer.CharSetXmlWriterFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.ContentHandler;
import org.xml.sax.helpers.AttributesImpl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The XML writer both sides of the meta wire use, on its own. */
class UnicodeXmlWriterTest {
    private static String write(String text) throws Exception {
        return write(XmlRpcHardening.xmlWriterFactory(), "UTF-8", List.of(text));
    }

    /** The element s holding the parts, each written with one characters() call. */
    private static String write(org.apache.xmlrpc.serializer.XmlWriterFactory factory, String encoding, List<String> parts)
            throws Exception {
        XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
        config.setEncoding(encoding);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContentHandler h = factory.getXmlWriter(config, out);
        h.startDocument();
        h.startElement("", "s", "s", new AttributesImpl());
        for (String part : parts) {
            char[] chars = part.toCharArray();
            h.characters(chars, 0, chars.length);
        }
        h.endElement("", "s", "s");
        h.endDocument();
        String xml = out.toString(encoding);
        return xml.substring(xml.indexOf("<s"));
    }

    /** Apache's own writer, which writes one character at a time. */
    private static final org.apache.xmlrpc.serializer.XmlWriterFactory STOCK = new CharSetXmlWriterFactory() {
        @Override
        protected XMLWriter newXmlWriter() {
            return new CharSetXMLWriter();
        }
    };

    @Provide
    Arbitrary<List<String>> texts() {
        Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.chars().ascii(), Arbitraries.of('&', '<', '>', '\n', '\r',
                '\t', '\u0001', '\u00e9', '\u20ac', '\uFFFD'), Arbitraries.chars().range('\u0000', '\uD7FF'));
        Arbitrary<String> base64 = Arbitraries.strings().withChars("ABCXYZabcxyz0189+/=").ofMaxLength(3000);
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange('\u0000', '\uFFFF').ofMaxLength(50)
                                .filter(t -> t.chars().noneMatch(c -> Character.isSurrogate((char) c))),
                        chars.list().ofMaxSize(200).map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat)),
                        base64)
                .list().ofMaxSize(4);
    }

    @Property(tries = 300)
    void writesWhatTheStockWriterWrites(@ForAll("texts") List<String> parts) throws Exception {
        for (String encoding : new String[] {"UTF-8", "ISO-8859-1"}) {
            assertThat(write(XmlRpcHardening.xmlWriterFactory(), encoding, parts)).as(encoding)
                    .isEqualTo(write(STOCK, encoding, parts));
        }
    }

    @Test
    void supplementaryCharactersAmongTextToEscape() throws Exception {
        String party = "\uD83C\uDF89";
        assertThat(write(XmlRpcHardening.xmlWriterFactory(), "UTF-8", List.of(party + "a", "<" + party, "", party)))
                .isEqualTo("<s>" + party + "a&lt;" + party + party + "</s>");
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
