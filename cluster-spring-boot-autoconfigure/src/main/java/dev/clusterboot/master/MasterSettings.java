package dev.clusterboot.master;

import java.time.Duration;

/**
 * What the master needs to know, resolved and validated from the {@code cluster.*} and
 * {@code server.*} properties before any worker starts.
 *
 * @param workers how many workers to keep running
 * @param port the port every worker serves
 * @param restartPolicy how to restart workers that exit unexpectedly
 * @param shutdownTimeout how long a worker may take to stop before it is killed
 * @author cluster-spring-boot-starter
 */
record MasterSettings(int workers, int port, RestartPolicy restartPolicy, Duration shutdownTimeout) {

}
