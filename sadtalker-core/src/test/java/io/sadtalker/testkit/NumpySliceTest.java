package io.sadtalker.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** numpy basic indexing and the other host-tensor operations, against values worked out by hand. */
class NumpySliceTest {
    /** 2x3x4 with value = flat index. */
    private static final HostTensor T = HostTensor.of(java.util.stream.IntStream.range(0, 24).toArray(), 2, 3, 4);

    private static HostTensor slice(String text) {
        return T.slice(NumpySlice.parse(text));
    }

    @Test
    void rangesAndSteps() {
        HostTensor s = slice("[:, 1:3]");
        assertThat(s.shape()).containsExactly(2, 2, 4);
        assertThat(s.data()).containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23);
        assertThat(slice("[..., ::2]").data()).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22);
        assertThat(slice("[:1]").shape()).containsExactly(1, 3, 4);
        assertThat(slice("[:, :, ::-3]").data()).containsExactly(3, 0, 7, 4, 11, 8, 15, 12, 19, 16, 23, 20);
        assertThat(slice("[:, -1:, 2:100]").data()).containsExactly(10, 11, 22, 23);
        assertThat(slice("[:, 5:1]").shape()).containsExactly(2, 0, 4);
    }

    @Test
    void integerIndicesDropAxes() {
        HostTensor s = slice("[1]");
        assertThat(s.shape()).containsExactly(3, 4);
        assertThat(s.data()[0]).isEqualTo(12);
        HostTensor e = slice("[..., -1]");
        assertThat(e.shape()).containsExactly(2, 3);
        assertThat(e.data()).containsExactly(3, 7, 11, 15, 19, 23);
        assertThat(slice("[0, ..., 2]").data()).containsExactly(2, 6, 10);
    }

    @Test
    void badSlicesAreRejected() {
        assertThatThrownBy(() -> slice("[2]")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> slice("[0, 0, 0, 0]")).hasMessageContaining("4 indices for 3 axes");
        assertThatThrownBy(() -> NumpySlice.parse("[::0]")).hasMessageContaining("step 0");
        assertThatThrownBy(() -> NumpySlice.parse("0:1")).hasMessageContaining("[..]");
        assertThatThrownBy(() -> NumpySlice.parse("[..., ...]")).hasMessageContaining("more than one");
    }

    @Test
    void argmaxTakesLowestIndexOnTies() {
        HostTensor t = HostTensor.of(new double[] {1, 5, 5, 0, 2, 2}, 2, 3);
        assertThat(t.argmax(1).data()).containsExactly(1, 1);
        assertThat(t.argmax(0).data()).containsExactly(0, 0, 0);
        assertThat(t.argmax(0).shape()).containsExactly(3);
    }

    @Test
    void concatenateAlongAxis() {
        HostTensor c = HostTensor.concat(List.of(slice("[:, :, 0:1]"), slice("[:, :, 3:4]")), 2);
        assertThat(c.shape()).containsExactly(2, 3, 2);
        assertThat(c.data()).containsExactly(0, 3, 4, 7, 8, 11, 12, 15, 16, 19, 20, 23);
        assertThatThrownBy(() -> HostTensor.concat(List.of(slice("[0]"), slice("[:, :, 0]")), 0))
                .hasMessageContaining("cannot concatenate");
    }

    @Test
    void unravelIsRowMajor() {
        assertThat(T.unravel(23)).containsExactly(1, 2, 3);
        assertThat(T.unravel(5)).containsExactly(0, 1, 1);
    }
}
