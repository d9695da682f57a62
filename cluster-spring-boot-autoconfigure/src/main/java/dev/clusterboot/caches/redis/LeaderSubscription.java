package dev.clusterboot.caches.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.clusterboot.api.ClusterLeadership;
import dev.clusterboot.api.ClusterLeadershipEvent;
import dev.clusterboot.api.status.LeadershipScope;

/**
 * The host's one subscription to the evictions channel, held by the worker that leads
 * the host ({@link ClusterLeadership}, at {@link LeadershipScope#HOST}, whether or not it
 * also leads across hosts): granted, it subscribes on a thread of its own, and
 * tries again every retry interval while Redis cannot be reached, with one WARN line per
 * outage; revoked, it unsubscribes. What arrives goes to the {@link HostRelay}; each
 * subscription, and each resubscription after the driver reconnected, tells the relay to
 * clear the host's caches.
 * <p>
 * With Lettuce, subscribing returns at once and the driver reconnects and resubscribes
 * by itself; with Jedis, subscribing blocks until the connection is lost, and the loop
 * subscribes again.
 *
 * @author cluster-spring-boot-starter
 */
public class LeaderSubscription implements MessageListener, SubscriptionListener, DisposableBean {

	private static final Log logger = LogFactory.getLog(LeaderSubscription.class);

	private final RedisConnectionFactory factory;

	private final String channel;

	private final JsonMapper mapper;

	private final HostRelay relay;

	private final Duration retry;

	private @Nullable Term term;

	/**
	 * Create the subscription of one worker, held while it leads its host.
	 * @param factory the application's Redis connections
	 * @param channel the channel every host of the application shares
	 * @param mapper reads the messages
	 * @param relay applies and relays what arrives
	 * @param retry how long to wait before subscribing again after a failure
	 */
	public LeaderSubscription(RedisConnectionFactory factory, String channel, JsonMapper mapper, HostRelay relay,
			Duration retry) {
		this.factory = factory;
		this.channel = channel;
		this.mapper = mapper;
		this.relay = relay;
		this.retry = retry;
	}

	/**
	 * Subscribe when this worker starts leading its host, unsubscribe when it stops.
	 * @param event the change of leadership
	 */
	@EventListener
	public synchronized void onLeadership(ClusterLeadershipEvent event) {
		// the host's lead, whatever the lead across hosts: every host needs its subscriber
		if (event.getScope() != LeadershipScope.HOST) {
			return;
		}
		if (event.isLeader() && this.term == null) {
			this.term = new Term();
		}
		else if (!event.isLeader() && this.term != null) {
			this.term.end();
			this.term = null;
		}
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		try {
			this.relay.received(this.mapper.readValue(message.getBody(), HostEviction.class));
		}
		catch (JacksonException ex) {
			logger.warn("Dropped a message on Redis channel '" + this.channel + "' that is not a cache eviction: " + ex);
		}
	}

	@Override
	public void onChannelSubscribed(byte[] channel, long count) {
		this.relay.subscribed(this.channel);
	}

	@Override
	public synchronized void destroy() {
		if (this.term != null) {
			this.term.end();
			this.term = null;
		}
	}

	/**
	 * One stretch of leading: a thread that subscribes, and keeps the subscription until
	 * the stretch ends.
	 */
	private final class Term {

		private final AtomicBoolean active = new AtomicBoolean(true);

		private final Thread thread;

		private volatile @Nullable RedisConnection connection;

		Term() {
			this.thread = new Thread(this::subscribeWhileActive, "cluster-caches-redis-subscriber");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void subscribeWhileActive() {
			boolean warned = false;
			byte[] name = LeaderSubscription.this.channel.getBytes(StandardCharsets.UTF_8);
			while (this.active.get()) {
				try {
					RedisConnection current = LeaderSubscription.this.factory.getConnection();
					this.connection = current;
					current.subscribe(LeaderSubscription.this, name);
					warned = false;
					while (this.active.get() && current.isSubscribed()) {
						pause();
					}
				}
				catch (RuntimeException ex) {
					if (this.active.get() && !warned) {
						logger.warn("Cannot subscribe to Redis channel '" + LeaderSubscription.this.channel
								+ "', so this host misses the other hosts' cache evictions until it can; trying again "
								+ "every " + LeaderSubscription.this.retry.toMillis() + " ms: " + ex);
						warned = true;
					}
				}
				finally {
					close();
				}
				if (this.active.get()) {
					pause();
				}
			}
		}

		private void pause() {
			try {
				Thread.sleep(LeaderSubscription.this.retry.toMillis());
			}
			catch (InterruptedException ex) {
				// the term ended
			}
		}

		void end() {
			this.active.set(false);
			close();
			this.thread.interrupt();
		}

		private void close() {
			RedisConnection current = this.connection;
			this.connection = null;
			if (current == null) {
				return;
			}
			try {
				if (current.getSubscription() != null) {
					current.getSubscription().close();
				}
				current.close();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not close the subscription to Redis channel '" + LeaderSubscription.this.channel
						+ "'", ex);
			}
		}

	}

}
