package dev.tributary.examples.springboot;

import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ChangeType;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.ses.SesMailer;
import dev.tributary.ses.model.Email;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The service's logic: two change handlers, named by their bean names ({@code searchSync}, {@code welcomeMail}).
 * The starter hands every {@code ChangeHandler} bean to the capture of {@code tributary.dynamo.capture.table-name}.
 */
@Configuration(proxyBeanMethods = false)
public class UserSyncHandlers {

    /** Types the stream's images as {@link User}s. */
    @Bean
    public TableSchema<User> userSchema() {
        return TableSchema.fromBean(User.class);
    }

    /**
     * Mirrors every insert, change and removal into the {@code users} search index (the {@code usersSearchIndex}
     * bean the starter made from {@code tributary.opensearch.indexes.users.*}).
     *
     * @param usersSearchIndex the index
     * @return the handler
     */
    @Bean
    public ChangeHandler<User> searchSync(SearchIndex<UserDocument> usersSearchIndex) {
        return ChangeHandler.forEach(event -> {
            if (event.type() == ChangeType.REMOVE) {
                usersSearchIndex.delete(event.oldImage().map(User::getUserId).orElseThrow());
            } else {
                User user = event.newImage().orElseThrow();
                usersSearchIndex.put(user.getUserId(), new UserDocument(user.getUserId(), user.getName()));
            }
        });
    }

    /**
     * Sends a welcome mail for each new user. Delivery is at least once; wrap it in an {@code IdempotentHandler}
     * (see examples/welcome-email) to send exactly once.
     *
     * @param mailer the starter's mailer
     * @param from the sender address
     * @return the handler
     */
    @Bean
    public ChangeHandler<User> welcomeMail(SesMailer mailer, @Value("${app.mail.from}") String from) {
        return ChangeHandler.forEach(event -> {
            if (event.type() == ChangeType.INSERT) {
                User user = event.newImage().orElseThrow();
                mailer.send(Email.builder().from(from).to(user.getEmail())
                        .subject("Welcome, " + user.getName())
                        .text("Hello " + user.getName() + ", welcome aboard.")
                        .build());
            }
        });
    }
}
