package io.autoresponder.deploy;

import java.util.function.UnaryOperator;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;

/**
 * The NOTES.txt Helm prints after an install, from a client-side dry run (helm-java's template prints no notes).
 */
final class ChartNotes {

    private ChartNotes() {
    }

    /** The notes of an install of release "ar" in namespace "responders", values customised. */
    static String of(UnaryOperator<InstallCommand> values) {
        InstallCommand install = new Helm(RenderedChart.CHART).install().withName(RenderedChart.RELEASE)
                .withNamespace(RenderedChart.NAMESPACE).withKubeVersion(RenderedChart.KUBE_VERSION).dryRun()
                .withDryRunOption(DryRun.CLIENT).clientOnly();
        String output = values.apply(install).call().getOutput();
        int notes = output.indexOf("NOTES:");
        if (notes < 0) {
            throw new AssertionError("no NOTES in the install's output:\n" + output);
        }
        return output.substring(notes);
    }
}
