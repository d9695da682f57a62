/**
 * The shared port: every worker's web server joins the port's SO_REUSEPORT group, only once it is ready, and leaves it before it stops; the master holds the port so that no other process takes it.
 */
@NullMarked
package dev.clusterboot.portgroup;

import org.jspecify.annotations.NullMarked;
