package dev.clusterboot.autoconfigure;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.agent.ClusterStatusClient;
import dev.clusterboot.agent.WorkerAgent;
import dev.clusterboot.agent.WorkerIdentity;
import dev.clusterboot.api.ClusterMessages;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.channel.MasterLink;
import dev.clusterboot.channel.WorkerMessageHandlers;
import dev.clusterboot.messages.WorkerMessages;
import dev.clusterboot.metrics.ClusterMessagesMeterBinder;
import dev.clusterboot.startup.ClusterProperties;

/**
 * Auto-configuration of {@link ClusterMessages} in a cluster worker: messages to the
 * other workers, written with the application's {@link JsonMapper} (a default one when
 * it has none) and published as application events where they arrive. Backs off when the
 * application defines its own {@link ClusterMessages} bean. With Micrometer, the
 * {@link ClusterMessagesMeterBinder} counts the messages that were dropped.
 *
 * @author cluster-spring-boot-starter
 */
@AutoConfiguration(after = ClusterAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClusterWorker
@ConditionalOnBean(WorkerAgent.class)
public final class ClusterMessagesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ClusterMessages.class)
	WorkerMessages clusterMessages(WorkerIdentity identity, MasterLink master, WorkerMessageHandlers handlers,
			ObjectProvider<JsonMapper> mapper, ApplicationContext context, ClusterProperties properties) {
		WorkerMessages messages = new WorkerMessages(identity.id(), master,
				mapper.getIfAvailable(() -> JsonMapper.builder().build()), context,
				properties.getMessages().getMaxSize().toBytes(), context.getClassLoader());
		handlers.register(ControlMessage.Deliver.class, messages::deliver);
		return messages;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnBean({ WorkerMessages.class, ClusterStatusClient.class })
	static class MessagesMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClusterMessagesMeterBinder clusterMessagesMeterBinder(ClusterStatusClient client, WorkerMessages messages) {
			return new ClusterMessagesMeterBinder(client, messages);
		}

	}

}
