# Splits `perf report --no-children --sort dso,sym --stdio` output (self time by DSO and symbol) into
# shares by layer, for bench/tls-new-anatomy.sh: openssl (libssl/libcrypto, or OpenSSL's symbols
# statically linked into node), kernel, libc (mostly malloc/free), js (JIT frames named by
# --perf-basic-prof and V8's builtins: interpreter, inline caches), gc (V8's heap and collectors),
# jit (V8's parsers and compilers, busy while code warms up), v8 (the rest of V8's runtime),
# node (Node's C++ and libuv), program (haproxy's or nginx's own code), other; then the share of
# RSA/ECDHE arithmetic, which only full handshakes need (a resumed session skips it).
# Usage: perf report ... | awk -f bench/perf-split.awk   (UNCLASSIFIED=1: also list what fell in other)
/^#/ || NF < 3 { next }
{
  pct = $1; sub(/%/, "", pct); dso = $2
  sym = $0; sub(/^.*\] /, "", sym)
  if ($0 ~ /\[k\]/) c = "kernel"
  else if (dso ~ /libssl|libcrypto/) c = "openssl"
  else if (dso ~ /^\[JIT\]|perf-[0-9]+\.map/) c = "js"
  else if (dso ~ /libc|ld-linux|vdso/) c = "libc"
  else if (dso ~ /^node$/) {
    if (sym ~ /^(Builtins_|JS:|LazyCompile:|Function:|BytecodeHandler:|Stub:|RegExp:)/) c = "js"
    else if (sym ~ /^(v8::|Runtime_|void v8::|V8_|cppgc::|heap::|unsigned long v8::|bool v8::|int v8::)/) {
      if (sym ~ /Scaveng|Heap::|MarkCompact|Marking|Sweep|Evacuat|Compactor|cppgc|GCTracer|Mark[A-Z]|RememberedSet|SlotSet|ConcurrentMark|Minor|PagedSpace|NewSpace|MemoryAllocator|Sweeper|Scavenger|WriteBarrier|Factory::New|Heap/) c = "gc"
      else if (sym ~ /compiler::|Compil|Turbofan|Maglev|maglev|baseline|Baseline|Parser|Parse|Scanner|Bytecode|interpreter::|AstNode|ast|Zone/) c = "jit"
      else c = "v8"
    }
    else if (sym ~ /^(node::|uv_|uv__|void node::|bool node::|int node::|std::)/) c = "node"
    else if (sym ~ /^(ossl_|OSSL_|EVP_|evp_|BN_|bn_|RSA_|rsa_|EC_|ec_|ecp_|x25519|X25519|SSL_|ssl|tls|TLS|dtls|CRYPTO_|ERR_|err_|ASN1_|asn1_|aesni|aes_|gcm|GCM|sha[0-9]|SHA[0-9]|HMAC|hmac|OPENSSL_|openssl_|BIO_|bio_|X509|x509|OBJ_|obj_|RAND_|rand_|drbg|ctr_|PACKET|WPACKET|statem|CBS|PEM_|pem_|i2d_|d2i_|_x86_64_AES|rsaz|construct_|read_state|write_state|cipher_|hkdf|kdf_|mac_|md_|provider_|ENGINE_|engine_|OPENSSL|lh_|OPENSSL_sk|sk_|ct_|CT_|evp|DH_|dh_|ECDH|ecdh|ECDSA|ecdsa|der_|DER_|aead|chacha|poly1305|siphash|ui_|UI_|PKCS|pkcs|decoder|encoder|OSSL|property|ossl|collect_|keymgmt|digest|signature|new_session|ssl_)/) c = "openssl"
    else c = "other"
  }
  else if (dso ~ /haproxy|nginx/) c = "program"
  else c = "other"
  s[c] += pct
  # RSA and ECDHE math: what a full handshake costs and a resumed one (session ticket) skips.
  if (c == "openssl" && sym ~ /rsaz|^bn_|^BN_mod|ecp_nistz256|^__ecp_|x25519|X25519|^ecp_|mont/) pk += pct
  if (c == "other") o[dso " " sym] += pct
}
END {
  n = split("openssl kernel libc js gc jit v8 node program other", order, " ")
  out = ""
  for (i = 1; i <= n; i++) if (order[i] in s && s[order[i]] >= 0.5) out = out sprintf("%s %.0f%%, ", order[i], s[order[i]])
  sub(/, $/, "", out)
  print out sprintf(" (public-key math %.1f%%)", pk)
  if (ENVIRON["UNCLASSIFIED"] == "1") for (k in o) if (o[k] >= 0.2) printf "  other: %.2f%% %s\n", o[k], k
}
