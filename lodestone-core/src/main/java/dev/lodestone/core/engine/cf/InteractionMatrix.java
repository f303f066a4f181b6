package dev.lodestone.core.engine.cf;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

import java.util.Arrays;

/**
 * The user × item matrix of summed interaction weights, stored in both directions as growable primitive rows
 * (no object per interaction). Users are dictionary-encoded here; items are the catalogue's int indexes. Also keeps
 * per-item popularity (all-time weight sum) and hourly activity buckets for trending.
 *
 * <p>Not thread-safe: the tenant model guards it with its read/write lock.
 */
public final class InteractionMatrix {
    private static final int INITIAL_ROW = 4;
    private static final int SECONDS_PER_HOUR = 3600;

    private final Object2IntOpenHashMap<String> userIndex = new Object2IntOpenHashMap<>();
    private String[] userIds = new String[1024];
    private int users;

    // user side: item, summed weight, time of last interaction (epoch seconds / 60), position in the item's row
    private int[][] userItems = new int[1024][];
    private float[][] userWeights = new float[1024][];
    private int[][] userMinutes = new int[1024][];
    private int[][] userItemSlot = new int[1024][];
    /** {@link #signedPreference} of each cell, kept beside the weight so hot loops need no log1p. */
    private float[][] userPreferences = new float[1024][];
    private int[] userSize = new int[1024];
    private double[] userNormSq = new double[1024];
    private int[] userPositive = new int[1024];

    // item side: user and summed weight (duplicate of the user side, for the item-to-users walk)
    private int[][] itemUsers = new int[1024][];
    private float[][] itemWeights = new float[1024][];
    private float[][] itemPreferences = new float[1024][];
    private int[] itemSize = new int[1024];
    private double[] itemNormSq = new double[1024];
    private double[] popularity = new double[1024];
    private int[] itemStamp = new int[1024];
    private int[][] activityHours = new int[1024][];
    private float[][] activityWeights = new float[1024][];
    private int[] activitySize = new int[1024];
    private int items;

    private long interactions;
    private long pairs;

    public InteractionMatrix() {
        userIndex.defaultReturnValue(-1);
    }

    /** Preference used for similarity: only positive feedback counts, damped so repeats do not dominate. */
    public static float preference(float weight) {
        return weight > 0 ? (float) Math.log1p(weight) : 0f;
    }

    /** Signed preference used when scoring from a user's history: negative feedback pushes neighbours down. */
    public static float signedPreference(float weight) {
        return weight >= 0 ? (float) Math.log1p(weight) : -(float) Math.log1p(-weight);
    }

    public int userIndex(String userId) {
        return userIndex.getInt(userId);
    }

    public String userId(int user) {
        return userIds[user];
    }

    public int userCount() {
        return users;
    }

    public int itemCount() {
        return items;
    }

    public long interactionCount() {
        return interactions;
    }

    public long pairCount() {
        return pairs;
    }

    /** Records one interaction: adds {@code weight} to the (user, item) cell. */
    public void add(String userId, int item, float weight, long epochSecond) {
        int user = internUser(userId);
        ensureItems(item + 1);
        int minute = (int) Math.floorDiv(epochSecond, 60);
        interactions++;
        popularity[item] += weight;
        addActivity(item, (int) Math.floorDiv(epochSecond, SECONDS_PER_HOUR), weight);

        int slot = find(user, item);
        if (slot < 0) {
            slot = appendUserCell(user, item, minute);
            userItemSlot[user][slot] = appendItemCell(item, user);
            pairs++;
        }
        float before = userWeights[user][slot];
        float after = before + weight;
        userWeights[user][slot] = after;
        itemWeights[item][userItemSlot[user][slot]] = after;
        float signed = signedPreference(after);
        userPreferences[user][slot] = signed;
        itemPreferences[item][userItemSlot[user][slot]] = signed;
        if (minute > userMinutes[user][slot]) userMinutes[user][slot] = minute;

        float pb = preference(before);
        float pa = preference(after);
        userNormSq[user] += (double) pa * pa - (double) pb * pb;
        itemNormSq[item] += (double) pa * pa - (double) pb * pb;
        if (pb <= 0 && pa > 0) userPositive[user]++;
        if (pb > 0 && pa <= 0) userPositive[user]--;
        itemStamp[item]++;
    }

    private int find(int user, int item) {
        int[] row = userItems[user];
        for (int k = userSize[user] - 1; k >= 0; k--) if (row[k] == item) return k;
        return -1;
    }

    private int internUser(String userId) {
        int u = userIndex.getInt(userId);
        if (u >= 0) return u;
        u = users++;
        if (u == userIds.length) growUsers(u * 2);
        userIds[u] = userId;
        userIndex.put(userId, u);
        userItems[u] = new int[INITIAL_ROW];
        userWeights[u] = new float[INITIAL_ROW];
        userMinutes[u] = new int[INITIAL_ROW];
        userItemSlot[u] = new int[INITIAL_ROW];
        userPreferences[u] = new float[INITIAL_ROW];
        return u;
    }

    private void growUsers(int capacity) {
        userIds = Arrays.copyOf(userIds, capacity);
        userItems = Arrays.copyOf(userItems, capacity);
        userWeights = Arrays.copyOf(userWeights, capacity);
        userMinutes = Arrays.copyOf(userMinutes, capacity);
        userItemSlot = Arrays.copyOf(userItemSlot, capacity);
        userPreferences = Arrays.copyOf(userPreferences, capacity);
        userSize = Arrays.copyOf(userSize, capacity);
        userNormSq = Arrays.copyOf(userNormSq, capacity);
        userPositive = Arrays.copyOf(userPositive, capacity);
    }

    /** Makes room for item indexes below {@code count}. */
    public void ensureItems(int count) {
        if (count > items) items = count;
        if (count <= itemUsers.length) return;
        int capacity = Math.max(count, itemUsers.length * 2);
        itemUsers = Arrays.copyOf(itemUsers, capacity);
        itemWeights = Arrays.copyOf(itemWeights, capacity);
        itemPreferences = Arrays.copyOf(itemPreferences, capacity);
        itemSize = Arrays.copyOf(itemSize, capacity);
        itemNormSq = Arrays.copyOf(itemNormSq, capacity);
        popularity = Arrays.copyOf(popularity, capacity);
        itemStamp = Arrays.copyOf(itemStamp, capacity);
        activityHours = Arrays.copyOf(activityHours, capacity);
        activityWeights = Arrays.copyOf(activityWeights, capacity);
        activitySize = Arrays.copyOf(activitySize, capacity);
    }

    private int appendUserCell(int user, int item, int minute) {
        int n = userSize[user];
        if (n == userItems[user].length) {
            int capacity = n * 2;
            userItems[user] = Arrays.copyOf(userItems[user], capacity);
            userWeights[user] = Arrays.copyOf(userWeights[user], capacity);
            userMinutes[user] = Arrays.copyOf(userMinutes[user], capacity);
            userItemSlot[user] = Arrays.copyOf(userItemSlot[user], capacity);
            userPreferences[user] = Arrays.copyOf(userPreferences[user], capacity);
        }
        userItems[user][n] = item;
        userWeights[user][n] = 0f;
        userMinutes[user][n] = minute;
        userSize[user] = n + 1;
        return n;
    }

    private int appendItemCell(int item, int user) {
        if (itemUsers[item] == null) {
            itemUsers[item] = new int[INITIAL_ROW];
            itemWeights[item] = new float[INITIAL_ROW];
            itemPreferences[item] = new float[INITIAL_ROW];
        }
        int n = itemSize[item];
        if (n == itemUsers[item].length) {
            itemUsers[item] = Arrays.copyOf(itemUsers[item], n * 2);
            itemWeights[item] = Arrays.copyOf(itemWeights[item], n * 2);
            itemPreferences[item] = Arrays.copyOf(itemPreferences[item], n * 2);
        }
        itemUsers[item][n] = user;
        itemSize[item] = n + 1;
        return n;
    }

    private void addActivity(int item, int hour, float weight) {
        int n = activitySize[item];
        int[] hours = activityHours[item];
        // interactions arrive roughly in time order: merge into one of the last few buckets when it matches
        for (int k = n - 1; k >= Math.max(0, n - 4); k--) {
            if (hours[k] == hour) {
                activityWeights[item][k] += weight;
                return;
            }
        }
        if (hours == null) {
            activityHours[item] = hours = new int[2];
            activityWeights[item] = new float[2];
        } else if (n == hours.length) {
            activityHours[item] = hours = Arrays.copyOf(hours, n * 2);
            activityWeights[item] = Arrays.copyOf(activityWeights[item], n * 2);
        }
        hours[n] = hour;
        activityWeights[item][n] = weight;
        activitySize[item] = n + 1;
    }

    // ---- read access (rows are live arrays: read only, and only up to the row's size) ----

    public int userSize(int user) {
        return userSize[user];
    }

    public int[] userItems(int user) {
        return userItems[user];
    }

    public float[] userWeights(int user) {
        return userWeights[user];
    }

    /** {@link #signedPreference} of each of {@link #userWeights}; {@code max(0, ·)} of it is {@link #preference}. */
    public float[] userPreferences(int user) {
        return userPreferences[user];
    }

    /** Epoch minute of the user's last interaction with each item of {@link #userItems}. */
    public int[] userMinutes(int user) {
        return userMinutes[user];
    }

    public double userNorm(int user) {
        return Math.sqrt(Math.max(0, userNormSq[user]));
    }

    /** Items the user likes (summed weight above zero). */
    public int userPositiveItems(int user) {
        return userPositive[user];
    }

    /** Summed weight of the user on the item, NaN when the user never interacted with it. */
    public float weight(int user, int item) {
        int slot = find(user, item);
        return slot < 0 ? Float.NaN : userWeights[user][slot];
    }

    public int itemSize(int item) {
        return item < items ? itemSize[item] : 0;
    }

    public int[] itemUsers(int item) {
        return itemUsers[item];
    }

    public float[] itemWeights(int item) {
        return itemWeights[item];
    }

    /** {@link #signedPreference} of each of {@link #itemWeights}. */
    public float[] itemPreferences(int item) {
        return itemPreferences[item];
    }

    public double itemNorm(int item) {
        return item < items ? Math.sqrt(Math.max(0, itemNormSq[item])) : 0;
    }

    /** Bumped by every interaction with the item: a neighbour row computed at another stamp is stale. */
    public int itemStamp(int item) {
        return item < items ? itemStamp[item] : 0;
    }

    public double popularity(int item) {
        return item < items ? popularity[item] : 0;
    }

    /**
     * Weight of the item's interactions in the last {@code windowHours} before {@code nowHour}, each decayed by
     * half every {@code halfLifeHours}.
     */
    public double trending(int item, int nowHour, double windowHours, double halfLifeHours) {
        if (item >= items) return 0;
        int n = activitySize[item];
        if (n == 0 || lastActiveHour(item) < nowHour - windowHours) return 0;
        int[] hours = activityHours[item];
        float[] weights = activityWeights[item];
        double from = nowHour - windowHours;
        double sum = 0;
        double decayPerHour = -Math.log(2) / halfLifeHours;
        int olderInARow = 0;
        // buckets are mostly in time order: stop after a run of buckets before the window
        for (int k = n - 1; k >= 0 && olderInARow < 8; k--) {
            int h = hours[k];
            if (h < from) {
                olderInARow++;
                continue;
            }
            olderInARow = 0;
            if (h > nowHour) continue;
            sum += weights[k] * Math.exp((nowHour - h) * decayPerHour);
        }
        return sum;
    }

    /** Latest activity hour of the item, Integer.MIN_VALUE without any. */
    public int lastActiveHour(int item) {
        if (item >= items || activitySize[item] == 0) return Integer.MIN_VALUE;
        int max = Integer.MIN_VALUE;
        int[] hours = activityHours[item];
        // out-of-order arrivals are rare; the maximum is near the end
        for (int k = activitySize[item] - 1; k >= Math.max(0, activitySize[item] - 8); k--) max = Math.max(max, hours[k]);
        return max;
    }

    public static int hourOf(long epochSecond) {
        return (int) Math.floorDiv(epochSecond, SECONDS_PER_HOUR);
    }
}
