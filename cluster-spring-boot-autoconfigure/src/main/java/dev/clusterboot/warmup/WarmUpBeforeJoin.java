package dev.clusterboot.warmup;

import java.net.InetSocketAddress;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import dev.clusterboot.portgroup.PortGroupMember;
import dev.clusterboot.portgroup.StagedStart;

/**
 * Warms a worker up before it joins the port's group, then joins. A worker whose start is
 * {@link StagedStart staged} listens only on a private loopback port until it joins; once
 * its context is ready, this listener sends the warm-up's requests to that port (never
 * to the shared one), logs one line with what they did, and joins the shared port. It
 * runs on the thread that publishes {@link ApplicationReadyEvent}, before Boot marks the
 * application as accepting traffic, so the master hears that the worker is ready only
 * after it has joined.
 * <p>
 * A standby warms up the same way but does not join: it joins when the master promotes
 * it, and a promotion during the warm-up ends the warm-up.
 *
 * @author cluster-spring-boot-starter
 */
public class WarmUpBeforeJoin implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(WarmUpBeforeJoin.class);

	private final int workerId;

	private final @Nullable WarmUpRunner runner;

	private final @Nullable PortGroupMember portGroup;

	private final boolean standby;

	/**
	 * Create the listener.
	 * @param workerId the worker's id, for the log
	 * @param runner the warm-up to run, or {@code null} when none is configured
	 * @param portGroup the web server's membership of the port's group, or {@code null}
	 * when the application has no supported web server
	 * @param standby whether this worker is a standby, which the master tells when to
	 * join
	 */
	public WarmUpBeforeJoin(int workerId, @Nullable WarmUpRunner runner, @Nullable PortGroupMember portGroup,
			boolean standby) {
		this.workerId = workerId;
		this.runner = runner;
		this.portGroup = portGroup;
		this.standby = standby;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		PortGroupMember member = this.portGroup;
		if (member == null || member.joined()) {
			return;
		}
		InetSocketAddress privateAddress = member.privateAddress();
		if (this.runner != null && privateAddress != null) {
			WarmUpSummary summary = this.runner.run(privateAddress, member::joined);
			logger.info("Worker " + this.workerId + " warmed up on " + privateAddress.getAddress().getHostAddress()
					+ ":" + privateAddress.getPort() + ": " + summary
					+ (!this.standby ? "; joining the port"
							: member.joined() ? "; promoted meanwhile" : "; standing by until the master promotes it"));
		}
		if (!this.standby) {
			member.join();
			logger.info("Worker " + this.workerId + " joined the port");
		}
	}

}
