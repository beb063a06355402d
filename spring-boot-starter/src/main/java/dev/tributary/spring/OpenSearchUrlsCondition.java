package dev.tributary.spring;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code tributary.opensearch.urls} holds at least one URL, as a list or comma-separated. */
class OpenSearchUrlsCondition extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        List<String> urls = Binder.get(context.getEnvironment())
                .bind("tributary.opensearch.urls", Bindable.listOf(String.class)).orElse(List.of());
        return urls.isEmpty()
                ? ConditionOutcome.noMatch("tributary.opensearch.urls is not set")
                : ConditionOutcome.match("tributary.opensearch.urls is set");
    }
}
