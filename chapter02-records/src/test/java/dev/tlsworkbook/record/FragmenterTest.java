package dev.tlsworkbook.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FragmenterTest {

    @Test
    void splits40000BytesInto16384ByteRecordsAndOneShortOne() {
        List<int[]> fragments = new ArrayList<>();
        Fragmenter.DEFAULT.split(100, 40_000, (off, len) -> fragments.add(new int[] {off, len}));
        assertEquals(3, fragments.size());
        assertEquals(List.of(100, 16484, 32868), fragments.stream().map(f -> f[0]).toList());
        assertEquals(List.of(16384, 16384, 7232), fragments.stream().map(f -> f[1]).toList());
        assertEquals(3, Fragmenter.DEFAULT.count(40_000));
    }

    @Test
    void anEmptyWriteNeedsNoRecord() {
        List<Integer> lengths = new ArrayList<>();
        Fragmenter.DEFAULT.split(0, 0, (off, len) -> lengths.add(len));
        assertEquals(List.of(), lengths);
        assertEquals(0, Fragmenter.DEFAULT.count(0));
    }

    @Test
    void exactMultiplesGiveOnlyFullFragments() {
        List<Integer> lengths = new ArrayList<>();
        Fragmenter.DEFAULT.split(0, 2 * 16384, (off, len) -> lengths.add(len));
        assertEquals(List.of(16384, 16384), lengths);
    }

    @Test
    void aLowerLimitSuchAsRecordSizeLimitIsHonoured() {
        Fragmenter small = new Fragmenter(512);
        List<Integer> lengths = new ArrayList<>();
        small.split(0, 1300, (off, len) -> lengths.add(len));
        assertEquals(List.of(512, 512, 276), lengths);
        assertThrows(IllegalArgumentException.class, () -> new Fragmenter(16385));
        assertThrows(IllegalArgumentException.class, () -> new Fragmenter(0));
    }
}
