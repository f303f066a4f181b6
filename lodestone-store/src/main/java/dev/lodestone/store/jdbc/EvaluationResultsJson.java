package dev.lodestone.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lodestone.core.engine.Algorithm;
import dev.lodestone.core.eval.EvaluationResult;

import java.util.ArrayList;
import java.util.List;

/**
 * An evaluation's results as the JSON text of {@code evaluation_runs.results}: an array with one object per algorithm
 * (its wire name and metrics). Named fields rather than a binary form, so a row stays readable in a SQL shell and a
 * metric added later can be read as absent from older rows.
 */
final class EvaluationResultsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EvaluationResultsJson() {
    }

    static String write(List<EvaluationResult> results) {
        ArrayNode array = MAPPER.createArrayNode();
        for (EvaluationResult r : results) {
            ObjectNode o = array.addObject();
            o.put("algorithm", r.algorithm().wireName());
            o.put("k", r.k());
            o.put("users", r.users());
            o.put("recall", r.recall());
            o.put("ndcg", r.ndcg());
            o.put("hit_rate", r.hitRate());
            o.put("precision", r.precision());
            o.put("mrr", r.mrr());
            o.put("coverage", r.coverage());
        }
        return array.toString();
    }

    /** The results of stored text; an algorithm this version does not know is left out. */
    static List<EvaluationResult> read(String json) {
        JsonNode array;
        try {
            array = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evaluation results are unreadable: " + e.getOriginalMessage(), e);
        }
        List<EvaluationResult> results = new ArrayList<>();
        for (JsonNode o : array) {
            Algorithm.parse(o.path("algorithm").asText()).ifPresent(a -> results.add(new EvaluationResult(a,
                    o.path("k").asInt(), o.path("users").asInt(), o.path("recall").asDouble(), o.path("ndcg").asDouble(),
                    o.path("hit_rate").asDouble(), o.path("precision").asDouble(), o.path("mrr").asDouble(),
                    o.path("coverage").asDouble())));
        }
        return results;
    }
}
