package dev.txrx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The table of exit codes that --help prints lists each code once, and nothing else. */
class ExitCodeTest {

    @Test
    void theTableListsEveryExitCodeOnceInOrder() throws IllegalAccessException {
        int[] constants = Arrays.stream(ExitCode.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == int.class)
                .mapToInt(ExitCodeTest::value).sorted().toArray();
        int[] listed = ExitCode.TABLE.stream().mapToInt(ExitCode.Meaning::code).toArray();
        assertThat(listed).containsExactly(constants);
        assertThat(CommandLines.exitCodeList()).hasSize(constants.length).containsEntry("   0", "everything verified");
    }

    private static int value(Field field) {
        try {
            return field.getInt(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
