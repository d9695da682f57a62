package dev.clusterboot.steering.weighing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link PortGroupOrder}: the kernel's rule for the reuseport socket array.
 */
class PortGroupOrderTests {

	@Test
	void appendsWorkersInTheOrderTheyJoin() {
		PortGroupOrder order = PortGroupOrder.empty().join(101).join(102).join(103);
		assertThat(order.workers()).containsExactly(101L, 102L, 103L);
		assertThat(order.indexOf(103)).isEqualTo(2);
		assertThat(order.size()).isEqualTo(3);
	}

	@Test
	void movesTheLastSocketIntoTheLeaversPlace() {
		PortGroupOrder order = PortGroupOrder.empty().join(101).join(102).join(103).join(104).leave(102);
		assertThat(order.workers()).containsExactly(101L, 104L, 103L);
		assertThat(order.indexOf(104)).isEqualTo(1);
		assertThat(order.indexOf(102)).isEqualTo(-1);
	}

	@Test
	void shrinksWhenTheLastSocketLeaves() {
		PortGroupOrder order = PortGroupOrder.empty().join(101).join(102).join(103).leave(103);
		assertThat(order.workers()).containsExactly(101L, 102L);
	}

	@Test
	void becomesEmptyWhenTheOnlySocketLeaves() {
		assertThat(PortGroupOrder.empty().join(101).leave(101)).isEqualTo(PortGroupOrder.empty());
	}

	@Test
	void aRejoiningWorkerGoesLast() {
		PortGroupOrder order = PortGroupOrder.empty().join(101).join(102).join(103).leave(101).join(101);
		assertThat(order.workers()).containsExactly(103L, 102L, 101L);
	}

	@Test
	void ignoresAWorkerThatLeavesWithoutHavingJoined() {
		PortGroupOrder order = PortGroupOrder.empty().join(101);
		assertThat(order.leave(999)).isSameAs(order);
	}

	@Test
	void refusesAWorkerThatJoinsTwice() {
		assertThatIllegalStateException().isThrownBy(() -> PortGroupOrder.empty().join(101).join(101))
			.withMessageContaining("101");
	}

	@Test
	void neverChangesAnOrderInPlace() {
		PortGroupOrder before = PortGroupOrder.empty().join(101).join(102);
		before.leave(101);
		before.join(103);
		assertThat(before.workers()).containsExactly(101L, 102L);
	}

}
