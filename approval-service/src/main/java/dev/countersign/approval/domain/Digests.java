package dev.countersign.approval.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.events.DryRunResult;
import dev.countersign.kit.json.CanonicalJson;
import java.util.Map;

/**
 * What approvals are bound to (DESIGN §5): the lower-case hex SHA-256 of the RFC 8785 canonical JSON of
 * {@code {"action", "action_version", "parameters"}} (the effective parameters), plus {@code "dry_run": {ok,
 * outcome}} when the mode ran one. The parameters digest names a dry run: the same without {@code dry_run}, so
 * a dry-run answer for parameters since edited is recognised as stale.
 */
public final class Digests {

    private Digests() {
    }

    /** The digest approvals are bound to; {@code dryRun} is null when the mode ran none. */
    public static String of(String action, int actionVersion, Map<String, Object> parameters, DryRunResult dryRun) {
        ObjectNode bound = base(action, actionVersion, parameters);
        if (dryRun != null) {
            bound.set("dry_run", Json.mapper().valueToTree(dryRun));
        }
        return CanonicalJson.sha256(bound);
    }

    /** The digest naming a dry run of these parameters. */
    public static String parameters(String action, int actionVersion, Map<String, Object> parameters) {
        return CanonicalJson.sha256(base(action, actionVersion, parameters));
    }

    /** Whether two JSON values are the same value (canonically: member order and number spelling aside). */
    public static boolean sameJson(Object a, Object b) {
        return CanonicalJson.of(Json.mapper().valueToTree(a)).equals(CanonicalJson.of(Json.mapper().valueToTree(b)));
    }

    private static ObjectNode base(String action, int actionVersion, Map<String, Object> parameters) {
        ObjectNode bound = Json.mapper().createObjectNode();
        bound.put("action", action);
        bound.put("action_version", actionVersion);
        bound.set("parameters", Json.mapper().valueToTree(parameters == null ? Map.of() : parameters));
        return bound;
    }
}
