package dev.clusterboot.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.clusterboot.channel.ControlConnection;
import dev.clusterboot.channel.ControlMessage;
import dev.clusterboot.portgroup.PortGroupMember;

/**
 * A standby's promotion: when the master sends {@link ControlMessage.Join Join}, the
 * standby's web server joins the shared port's group, and from then on the worker serves
 * the slot that the master named. A standby that cannot join is of no use, and the agent
 * ends it.
 *
 * @author cluster-spring-boot-starter
 */
final class StandbyPromotion {

	private static final Log logger = LogFactory.getLog(StandbyPromotion.class);

	private final @Nullable PortGroupMember portGroup;

	private final Clock clock;

	StandbyPromotion(@Nullable PortGroupMember portGroup) {
		this(portGroup, Clock.systemUTC());
	}

	StandbyPromotion(@Nullable PortGroupMember portGroup, Clock clock) {
		this.portGroup = portGroup;
		this.clock = clock;
	}

	/**
	 * Make ready what a promotion uses, so that the promotion itself is quick: done once,
	 * before the standby first says that it stands by.
	 * @param worker this standby's id
	 */
	void prepare(int worker) {
		ControlConnection.prepareFor(new ControlMessage.Join(worker));
	}

	/**
	 * Join the shared port's group to serve a slot.
	 * @param worker the slot the master promotes this standby into
	 * @return whether the standby joined; when it did not, the error is logged
	 */
	boolean join(int worker) {
		Instant started = this.clock.instant();
		try {
			if (this.portGroup != null) {
				this.portGroup.join();
			}
		}
		catch (RuntimeException ex) {
			logger.error("Standby (pid " + ProcessHandle.current().pid() + ") could not join the shared port to serve "
					+ "worker " + worker + "; exiting so that the master starts another", ex);
			return false;
		}
		logger.info("Standby (pid " + ProcessHandle.current().pid() + ") joined the shared port in "
				+ Duration.between(started, this.clock.instant()).toMillis() + "ms; now worker " + worker);
		return true;
	}

}
