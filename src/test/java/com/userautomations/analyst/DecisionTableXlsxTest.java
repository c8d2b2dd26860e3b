package com.userautomations.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import com.userautomations.automation.Action;
import com.userautomations.automation.ActionType;
import com.userautomations.engine.Match;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** An .xlsx decision table with the layout of organisations-by-domain.csv, on its first sheet. */
class DecisionTableXlsxTest {
    private static final String PATH = "schools/s1/organisations.xlsx";

    /** The rows of the table; row i of this array is spreadsheet row i + 1. */
    static String[][] table(String initechDomain) {
        return new String[][]{
            {"RuleSet", "rules.xlsx.tables"},
            {"Import", "com.userautomations.engine.EventFact"},
            {},
            {"RuleTable Organisation by email domain (xlsx)"},
            {"CONDITION", "ACTION", "ACTION"},
            {"$e : EventFact", "", ""},
            {"type == \"user.signed_up\", user.emailDomain == \"$param\"", "$e.addTags(\"$param\");", "$e.enroll(\"$param\");"},
            {"Email domain", "Organisation tag", "Onboarding course"},
            {"globex.example", "org:globex", "globex-onboarding"},
            {initechDomain, "org:initech", "initech-onboarding"},
            {"hooli.example", "org:hooli", "hooli-onboarding"},
        };
    }

    static byte[] xlsx(String[][] rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Organisations");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (!rows[r][c].isEmpty()) {
                        row.createCell(c).setCellValue(rows[r][c]);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void anXlsxTableCompilesAndFiresOneRulePerRow() throws IOException {
        AnalystCompiler.Compiled compiled = AnalystCompiler.compile(
                List.of(new RuleFile(PATH, xlsx(table("initech.example")))), 1);

        assertThat(compiled.files()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(RuleFile.Kind.XLSX_TABLE);
            assertThat(f.names()).containsExactlyInAnyOrder("Organisation by email domain (xlsx)_9",
                    "Organisation by email domain (xlsx)_10", "Organisation by email domain (xlsx)_11");
        });
        assertThat(compiled.rules().evaluate("s1", AnalystCompilerTest.signUp("s1", "ivy@Initech.example")))
                .containsExactly(new Match("rule:Organisation by email domain (xlsx)_10", 0, List.of(
                        Action.tags(ActionType.ADD_TAGS, List.of("org:initech")),
                        Action.courses(ActionType.ENROLL, List.of("initech-onboarding")))));
        assertThat(compiled.rules().evaluate("s1", AnalystCompilerTest.signUp("s1", "amy@example.com"))).isEmpty();
        assertThat(compiled.rules().evaluate("s2", AnalystCompilerTest.signUp("s2", "ivy@initech.example"))).isEmpty();
    }

    @Test
    void aBrokenRowIsReportedAtItsSpreadsheetRow() throws IOException {
        // a fourth column whose snippet forgot the quotes around $param, filled only in row 10
        String[][] rows = table("initech.example");
        rows[4] = new String[]{"CONDITION", "ACTION", "ACTION", "CONDITION"};
        rows[5] = new String[]{"$e : EventFact", "", "", "$e : EventFact"};
        rows[6] = new String[]{rows[6][0], rows[6][1], rows[6][2], "user.role == $param"};
        rows[7] = new String[]{rows[7][0], rows[7][1], rows[7][2], "Role"};
        rows[9] = new String[]{rows[9][0], rows[9][1], rows[9][2], "learner"};
        List<RuleFileError> errors = AnalystCompilerTest.refused(new RuleFile(PATH, xlsx(rows)));

        assertThat(errors).isNotEmpty().allSatisfy(e -> {
            assertThat(e.file()).isEqualTo(PATH);
            assertThat(e.line()).isEqualTo(10);
            assertThat(e.message()).startsWith("in the row 10 of the table: ");
        });
        assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains("no property 'learner'"));
    }

    @Test
    void aFileThatIsNotASpreadsheetIsRefused() {
        assertThat(AnalystCompilerTest.refused(new RuleFile(PATH, "RuleSet,x".getBytes())))
                .singleElement().satisfies(e -> {
                    assertThat(e.file()).isEqualTo(PATH);
                    assertThat(e.message()).startsWith("the decision table cannot be read: ");
                });
    }
}
