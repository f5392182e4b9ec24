package org.kycsuite.localrun;

import java.io.PrintStream;

/** What a newcomer needs once the suite is up: the pages, the users, and a first application. */
final class Banner {

    private Banner() {
    }

    static void print(PrintStream out, SuiteSettings settings) {
        int accounts = settings.port(SuiteSettings.ACCOUNTS);
        int kyc = settings.port(SuiteSettings.KYC);
        int cs = settings.port(SuiteSettings.CUSTOMER_SERVICE);
        out.println();
        out.println("KYC suite is up. Ctrl-C stops everything (data is kept in " + settings.dataDir() + ").");
        out.println();
        out.println("  bank staff           http://localhost:" + accounts + "/   user staff / staff");
        out.println("  compliance officers  http://localhost:" + kyc + "/   user officer / officer");
        out.println("  customer service     http://localhost:" + cs + "/   user agent / agent");
        out.println("  local cloud          http://localhost:" + settings.edgePort() + " (EventBridge, Step Functions),"
                + " http://localhost:" + settings.sqsPort() + " (SQS)");
        out.println("  API docs             http://localhost:<port>/q/swagger-ui");
        out.println();
        out.println("Submit a first application:");
        out.println("  curl -u staff:staff -H 'Content-Type: application/json' -d @docs/sample-application.json \\");
        out.println("       http://localhost:" + accounts + "/applications");
        out.println();
    }
}
