package dev.clusterboot.leadership;

import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.scheduling.annotation.SchedulingConfiguration;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

import dev.clusterboot.api.ClusterLeadership;

/**
 * Puts {@link LeaderOnlyScheduledAnnotationBeanPostProcessor} in the place of the
 * {@code @Scheduled} processor that {@code @EnableScheduling} registers, under the same
 * bean name, before any post-processor exists. Without {@code @EnableScheduling} there is
 * nothing to replace; a processor the application registered itself is left alone, and
 * its methods run in every worker (and are warned about).
 *
 * @author cluster-spring-boot-starter
 */
public final class LeaderOnlySchedulingPostProcessor implements BeanFactoryPostProcessor {

	private static final Log logger = LogFactory.getLog(LeaderOnlySchedulingPostProcessor.class);

	private static final String PROCESSOR = TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME;

	private final LeaderOnlyScheduling scheduling;

	public LeaderOnlySchedulingPostProcessor(LeaderOnlyScheduling scheduling) {
		this.scheduling = scheduling;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (this.scheduling == LeaderOnlyScheduling.NONE || !(beanFactory instanceof BeanDefinitionRegistry registry)
				|| !registry.containsBeanDefinition(PROCESSOR)) {
			return;
		}
		BeanDefinition registered = registry.getBeanDefinition(PROCESSOR);
		if (!SchedulingConfiguration.class.getName().equals(registered.getFactoryBeanName())) {
			logger.info("Not running @Scheduled methods on the cluster's leader only: the application registers "
					+ "its own '" + PROCESSOR + "'");
			return;
		}
		RootBeanDefinition leaderOnly = new RootBeanDefinition(LeaderOnlyScheduledAnnotationBeanPostProcessor.class,
				() -> new LeaderOnlyScheduledAnnotationBeanPostProcessor(this.scheduling, new Leader(beanFactory)));
		leaderOnly.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		registry.removeBeanDefinition(PROCESSOR);
		registry.registerBeanDefinition(PROCESSOR, leaderOnly);
		logger.debug("@Scheduled methods (" + this.scheduling.name().toLowerCase() + ") run on the cluster's leader only");
	}

	/**
	 * Whether this worker leads, from the {@link ClusterLeadership} bean, looked up at the
	 * first run rather than when the post-processors are created.
	 */
	private static final class Leader implements BooleanSupplier {

		private final ConfigurableListableBeanFactory beanFactory;

		private volatile @Nullable ClusterLeadership leadership;

		Leader(ConfigurableListableBeanFactory beanFactory) {
			this.beanFactory = beanFactory;
		}

		@Override
		public boolean getAsBoolean() {
			ClusterLeadership current = this.leadership;
			if (current == null) {
				current = this.beanFactory.getBean(ClusterLeadership.class);
				this.leadership = current;
			}
			return current.isLeader();
		}

	}

}
