package dev.clusterboot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.api.ClusterMessages;
import dev.clusterboot.caches.CoherentCaches;
import dev.clusterboot.caches.OtherHosts;

/**
 * Auto-configuration of {@link CoherentCaches} in a cluster worker: a put, an eviction or
 * a clear on a local cache evicts the same entries on every other worker, and on other
 * hosts too when an {@link OtherHosts} bean carries them there. On by default;
 * {@code cluster.caches.coherent=false} turns it off. Backs off when the application
 * defines its own {@link CoherentCaches} bean.
 *
 * @author cluster-spring-boot-starter
 */
@AutoConfiguration(after = ClusterMessagesAutoConfiguration.class)
@ConditionalOnClusterWorker
@ConditionalOnClass(CacheManager.class)
@ConditionalOnBooleanProperty(name = "cluster.caches.coherent", matchIfMissing = true)
public final class ClusterCoherentCachesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static CoherentCaches clusterCoherentCaches(ObjectProvider<ClusterMessages> messages,
			ObjectProvider<JsonMapper> mapper, ObjectProvider<OtherHosts> otherHosts, ApplicationContext context) {
		return new CoherentCaches(messages, mapper, otherHosts, context.getClassLoader());
	}

}
