package org.ringfs.cli;

import org.junit.jupiter.api.Test;
import org.ringfs.api.ErrorCode;
import org.ringfs.api.RingFsException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureReporterTest {

    @Test
    void aFullClusterSaysSoAndWhatToDo() {
        String line = FailureReporter.describe(new RingFsException(ErrorCode.NO_SPACE, "no space left on data server data-2"));
        assertThat(line).startsWith("no space left on the cluster; remove files to free some: ")
                .contains("data-2").endsWith("(NO_SPACE)");
    }

    @Test
    void otherFailuresKeepTheirMessage() {
        assertThat(FailureReporter.describe(new RingFsException(ErrorCode.NOT_FOUND, "/x: no such file or directory")))
                .isEqualTo("/x: no such file or directory (NOT_FOUND)");
    }
}
