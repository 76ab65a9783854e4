package dev.graft.samples.kotlin

// The Kotlin sample. `--stdin`: one round per line read, each closure and call printing key=value.
// Lines the tests patch carry a `graft` comment; tests find them by it, so lines may move.

fun main(args: Array<String>) {
    val shop = Shop("tea")
    val closures = listOf(threshold(3), classLambda(4), counter(), Shop.Audit(shop).check)
    println("kotlin: ready")
    while (readLine() != null) {
        val round = StringBuilder("round")
        for (closure in closures) round.append(' ').append(closure())
        round.append(" step=").append(step(2)).append(" total=").append(shop.total(10))
        round.append(" scaled=").append(scaledTwice(5)).append(" margin=").append(Shop.Audit(shop).margin())
        println(round)
    }
}

/** An invokedynamic lambda (Kotlin 2's default): its body is `threshold$lambda$0`, the capture its parameter. */
fun threshold(limit: Int): () -> String {
    val threshold = limit * 2
    return { "threshold=" + threshold } // graft rebind threshold
}

/** A lambda compiled to a class of its own, as -Xlambdas=class makes them: its capture is the field `$bound`. */
fun classLambda(limit: Int): () -> String {
    val bound = limit + 1
    val lambda = @JvmSerializableLambda { "bound=" + bound } // graft rebind bound
    return lambda
}

/** A captured var lives in a kotlin.jvm.internal.Ref.IntRef. */
fun counter(): () -> String {
    var counter = 0
    return {
        counter += 1 // graft inject counter
        "counter=" + counter
    }
}

/** A scope function: kotlinc leaves locals such as `$i$a$-let-MainKt$step$1` that are no Java names. */
fun step(x: Int): Int {
    val s = x.let { it * 10 }
    return s + 1 // graft inject step
}

/** Called twice below: kotlinc copies its body into each caller, at lines past the end of this file. */
@Suppress("NOTHING_TO_INLINE") // inlined on purpose: graft patches the copies
inline fun scaled(value: Int): Int {
    val factor = 3
    return value * factor // graft inject scaled
}

fun scaledTwice(value: Int): Int = scaled(value) + scaled(value + 1)

class Shop(private val name: String) {
    private val margin = 7

    fun total(quantity: Int): Int {
        return quantity * price + bonus // graft inject total
    }

    /** A nested class: in a 1.8 class file it may not touch Shop's private members (no nest mates before 11). */
    class Audit(private val shop: Shop) {
        val check: () -> String = { "audit=" + shop.name }

        fun margin(): Int {
            return 1 // graft inject margin
        }
    }

    companion object {
        var bonus = 5
        const val price = 2
    }
}
