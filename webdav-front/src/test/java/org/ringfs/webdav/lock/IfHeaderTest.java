package org.ringfs.webdav.lock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class IfHeaderTest {

    @Test
    void untaggedListsOfTokensAndEtags() throws Exception {
        IfHeader h = IfHeader.parse("(<opaquelocktoken:a> [\"e1\"]) (Not <DAV:no-lock>)");
        assertThat(h.lists()).hasSize(2);
        IfHeader.ConditionList first = h.lists().get(0);
        assertThat(first.resourceTag()).isNull();
        assertThat(first.conditions()).containsExactly(new IfHeader.Condition(false, "opaquelocktoken:a", null),
                new IfHeader.Condition(false, null, "\"e1\""));
        assertThat(h.lists().get(1).conditions()).containsExactly(new IfHeader.Condition(true, "DAV:no-lock", null));
    }

    @Test
    void aResourceTagAppliesToTheListsAfterIt() throws Exception {
        IfHeader h = IfHeader.parse("<http://h/a> (<t1>) (<t2>) </b> (<t3>)");
        assertThat(h.lists()).extracting(IfHeader.ConditionList::resourceTag)
                .containsExactly("http://h/a", "http://h/a", "/b");
    }

    @Test
    void submittedTokensAreTheStateTokensNotNegated() throws Exception {
        IfHeader h = IfHeader.parse("(<opaquelocktoken:x>) (Not <opaquelocktoken:y> [\"e\"]) (not <opaquelocktoken:z>)");
        assertThat(h.submittedTokens()).containsExactly("opaquelocktoken:x");
    }

    @Test
    void malformedHeadersAreRefused() {
        for (String bad : new String[] {"", "   ", "<http://h/a>", "(", "()", "(<t>", "(x)", "(Not)", "<a> <b>",
                "(<t>) junk", "([etag)"}) {
            assertThatThrownBy(() -> IfHeader.parse(bad)).as(bad).isInstanceOf(IfHeader.MalformedException.class);
        }
    }

    @Test
    void aHeaderWithTooManyConditionsIsRefused() {
        String many = "(" + "<t> ".repeat(257) + ")";
        assertThatThrownBy(() -> IfHeader.parse(many)).isInstanceOf(IfHeader.MalformedException.class);
    }
}
