/* RSA (src/crypto/rsa_pub.c, rsa_priv.c): key parsing and its errors,
 * PKCS#1 v1.5 and PSS verification of signatures made by OpenSSL, PKCS#1
 * v1.5 signing that reproduces OpenSSL's signatures byte for byte, PSS
 * signing round trips, the workspace sizes, and the fault check.
 *
 * Keys and signatures were made once with OpenSSL 3.0:
 *   openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out k2048.pem
 *   openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out k4096.pem
 *   openssl rsa -in kN.pem -traditional -outform DER -out kN.der     (PKCS#1)
 *   openssl pkey -in kN.pem -pubout -outform DER -out kN.spki.der
 *   openssl pkcs8 -topk8 -nocrypt -in k2048.pem -outform DER -out k2048.p8.der
 *   printf 'mote RSA known-answer test' > msg
 *   openssl dgst -sha256 -sign kN.pem -out kN.sha256.pkcs1.sig msg     (also -sha384, -sha512)
 *   openssl dgst -sha256 -sign kN.pem -sigopt rsa_padding_mode:pss \
 *       -sigopt rsa_pss_saltlen:32 -out kN.sha256.pss32.sig msg
 *   (and -sha384 with rsa_pss_saltlen:48, -sha512 with rsa_pss_saltlen:0)
 * k2049 is a 2049-bit key (so that PSS's emLen is one byte shorter than the
 * modulus), whose two 1025-bit primes were drawn with Python (OpenSSL rounds
 * key sizes to bytes); the same openssl commands then made its files. */
#include <string.h>

#include "mote/hash.h"
#include "mote/rsa.h"
#include "crypto/rsa_int.h"
#include "test.h"

static const char k2048_der[] =
    "308204a40201000282010100c8f8601636de04ce8b32c0391d1926e3016a338323c2b041907886816e8807fef2fd55"
    "fe53971841706e7b42bf10ae81674a52c66f1d8afb39228cdcb3bad4f36fbd68e6f502589c087b2814b417bc269591"
    "96ddeee183cbd095edc7647dbda043c56a98eaeeb93957c12c94c2f96e9f7a21a8ebfa98436ecc01f788a10127b34e"
    "6f0f52e0c431839b46f3a56bdebe6b7d93fb824a94ecde9fb4c0c168206ea455314bafe64b7af4a41a727bd5d77820"
    "e15732f39122f5e09ce8343603a6a37dfe45d4a25117d2b037fbad9f532ed313305dc7562a9f829dcd5160cbcf51e0"
    "980f56df74d90f248cc7238ea9609791b5dc0572a026f35bcb6a91d2c5ec999d17020301000102820100016a32b245"
    "5706db93dc87fce85bbdc4323e07b865b7bab92af89730a623f0f76923c234b9a90b81c2327ddca876756575c3f655"
    "2998191769f9d2da1b80855e0a3214d96c1acc727d00ade6872d75d5ab1dd62feb80d0a47402eaac113f31413e0704"
    "81a8ae75bd8a84d29aca17c8ce25bbe0fd3db8aa0d56b8fc782abe7a5df8e94b859464536dbf5cf47048a6ee5dc0e1"
    "277323b76b0148dba6b510a7e0085e084bfdc4edaa3eb4b65c27bac9bb040ef7338f0d76606daf6c22a2654b537c6b"
    "337af097f4a22339e7fbc0e847f51d1369be8ebb689c46390ebb5820c68b2bf6a65ddb33b08522433d0d95c3c92066"
    "11cf6a93f682114c1bafa0a0ca56ad1502818100f641cb10163d13dd0e1a0f87b80c711d2307604323223e402d58ad"
    "18e5753b8766cc0cab2a857525509ab1c3bb98cf0a939b2603fb781e6e7aa72e29b46305168601bcdf972fbe8fd2ad"
    "04934f0869c320a71059e40f1a4b114182d121a33d2c595fdfc9e6f0bb909da199e896d12bdfcbef67e3081d5751c0"
    "da7e467f45b92d02818100d0ebe56f1cf5b257ed37509ac164e339fb4375dc0d90fe9e218cbcb8491851deee521b5b"
    "5e33eb11a7ab76c6a02235ecd067cc0a4997f8c8ca4752f18966993df29e5348f1da83baee5680bbd63cc73a53600b"
    "13459b6731146828e5a448f322e538c3094f9624fd3220e7d0a82f5bdaadf3327626363265e4ad69c651ee11d30281"
    "800b0a240a5294e6611092c6837512c9b75eaca3fa1e871877541117a17817eb55449c7d2ce739186955d5b98666d0"
    "90e78e7a7417d59c2af114fa8dad3cf2fb75690886e9172402ccfbcad9dba8bd5dd06b9451bd55e5ff6dc21647c10c"
    "5aff110fe8a665acbeba09dfa730f92659b637d032a95b9a2f868c99b2b1da833622f902818100901995178d9efe12"
    "dd8060ad4d251c013b086dbb88f3f05afb830a0c0606ab399ba1b052d5e7f3842ae4fe38c3ecb4cb1177f669461777"
    "366f26c0d3ee5480f0146f15bce36c379df0946398ab8d22515d7e8a4511a6bd8741af123e4a91327a68263d882787"
    "c51d8abcdd87b2e96f6ea6ba6e9cc5806e448f74f8d71c5d9b9702818100aea0cd098084b508377793d8983e735b46"
    "f81f0495dec43f228ef2b707ba3fb6ed715053d4fe9d49eb83ffad692e9e1d3ab6447537834f601a4e4098d9461bdb"
    "00d9126836c331c61fc8827be99a06e03186913b204bb30a5801b6eaa5c5d8008bbe391007736f83b018bc718316e3"
    "ec35476ec9b4e143f7029116947ecb7fbb";

static const char k2048_spki[] =
    "30820122300d06092a864886f70d01010105000382010f003082010a0282010100c8f8601636de04ce8b32c0391d19"
    "26e3016a338323c2b041907886816e8807fef2fd55fe53971841706e7b42bf10ae81674a52c66f1d8afb39228cdcb3"
    "bad4f36fbd68e6f502589c087b2814b417bc26959196ddeee183cbd095edc7647dbda043c56a98eaeeb93957c12c94"
    "c2f96e9f7a21a8ebfa98436ecc01f788a10127b34e6f0f52e0c431839b46f3a56bdebe6b7d93fb824a94ecde9fb4c0"
    "c168206ea455314bafe64b7af4a41a727bd5d77820e15732f39122f5e09ce8343603a6a37dfe45d4a25117d2b037fb"
    "ad9f532ed313305dc7562a9f829dcd5160cbcf51e0980f56df74d90f248cc7238ea9609791b5dc0572a026f35bcb6a"
    "91d2c5ec999d170203010001";

static const char k2048_sha256_pkcs1[] =
    "362e50d25024a60f02e1af1f7ba85508c80595f6c75a06a6c2dd2021d0113509d4f445cb72ae91625ca31ca75a1d03"
    "137bfb99444417982b630c2e180bfa0deabdbec0040067c435d44438cdc81290865a470f8970a9f8b69845622d008e"
    "c663f3622c99c2e26799d1dd66cf219a918161a26bcf9901a70a724cb9ee5ee015567daa3289c453e03db9e8f69206"
    "f9821fcca9833ef91ed2b8841916b9648040b9b1814a7f448827fcfe83f9ed54929002b4f0df39abf95869c9747336"
    "850c5e186fe695f4fd02b387ca9ecb3240c680edf35481f8828f664048247a78b285a196ca1a612b4a57098efd741c"
    "768ad90ae89af21efa5db08b4a0e0179a97ea0006a";

static const char k2048_sha384_pkcs1[] =
    "7e22353ab4e8b98cce391f80bc30df4123812f51e9f63184b6e62a574af2d855a4b43f9ae945fee7cc445e626c73af"
    "385fd0965ee06af4050fe70afc38884b302bc319ead9ca694af27ffc8697f2610de04222a7dcdcb3671bfafb697731"
    "804088f12b19740988bf618dd2dcdd059d07aa61f8cc0500e4ad3f99d8e6da8ac15e30c8429c4aa848f250efb081c9"
    "a5eab46633d2a0418a0f84d67fb6cdc25a7a0b801413a10fe1da3222bcb69d55219ad37149cc135775d6a0f6baf31b"
    "dfc0adb4d8040d5e64b8c4599e222bd4b13ed3137b01a6853ce1431c60f826cb3c6ce0cac3e77a139a3989a47dfa65"
    "24ed1bbd8a68e6d9e8f1582bdf19f1dd1dd3fe2673";

static const char k2048_sha512_pkcs1[] =
    "06ba1f147546978563302455e4cf9f84801239c07b293e9ce002e6cc32d22a3b006f59d715e96954a51e350dbcfb09"
    "7e8f766de173790d6fb2507d3d48f3ac90865ca24ec5067c5de9e90fae7b058766f0436160b703ca1ff425a5f0ddb0"
    "d7833ddb3275eaa5e5509f37fdeb90e7bdc05b5268048929862e651539d8af1c875b6ecdde396083557f8f02580a1b"
    "373a6b93ec5a784dc3b80eb01f31e6d258663381f7a7cbf9d647ce8525a29aaf45b499722ee4e3d45b5ad43bfa6296"
    "8c27cf72bad99d0f9db5a69203bee0dd7cb7875b29dfe9b05dbf75a1cc4dcb1f57e72de2e2722d6ca3bf841e8d320f"
    "dcebbb6bbd20a881fd77fe404b8673c57303a0f587";

static const char k2048_sha256_pss32[] =
    "11876a9df86520c4723ad3f349528f3134f84067669b536f8fa09c49025b9440a4f6a3b37a4b4edd3444a6e3fd48d0"
    "bb43bcab23d9a5287cad692d98eef3f1cc702262fa19174dfd39646f14173cd617f5fbe8b6b8b4036c915982b78390"
    "9a08e3a749f483526e91b7e7fbe9991d112d28e282d79441e6cc0f02a64f57cb483463da3b76b4fff330df01986a93"
    "243fd8692f4fa682c00e09aec51388c9cf248aa1dd8a41887c63eed599d91f695b371177a4be9a5cd135dbac1b35ff"
    "a5bc9e53807a3b91b5cefa4c699ffce6401b179d4e99f97771dcda20cefd8158425c6773543f17a59dd718a8cbcd7b"
    "5a2afe3809438d593d15c6f5a39257c92c685ea4b4";

static const char k2048_sha384_pss48[] =
    "c1333e82d7e57a4847ca9fba20917ae5d3820f535c7303ef8b747230ae0e63beccf85f0e4cffc6094f43c351d7cbb8"
    "838e256ed898b05c18da5e3fc2a8f16365b5e94891c2237e64d8511e30b52f07b603d1650a1bfca168950ac9ab5d3c"
    "8f5c7a28cb071823306a23612c8659aafd9ffd022b1ee3a09e07ca0f4d568216f3b5d1b7c6b9ff9c26a76150e525cd"
    "1adec04dbf247db040b8497c4fed159f9b9eff8b8c89eebc3e5962678d8e249c6b44780effd4d0305e834fd9ebbdcd"
    "751dac0a379d91c467c828e2552a37e1d52441a4215aae0d586795a2dfa2de3c5e48f60d8ef9f1d9bc5109529c5c61"
    "4553735b62cb961d3648ca67328bbbfb892a2aa036";

static const char k2048_sha512_pss0[] =
    "46be33cb3841193aee2d02e1e1b7310932c078f32d4e08f3a7d91bf0a5e36f5e5b4e71b2ccb81be9a99c89564eca2f"
    "37d550b46329f9575d9b8615fc3c120231a3152f0c4c35656646bbbccc74bf6a0f19c57dd789dc6684bbc357bb448b"
    "df414dc5b0837bc2874d8e12c21c0215dbbef1a55a99545a27a5c190b5b1981850892f5e501359bd94eafd35dd5384"
    "c797e6384c9003caa15ebb78b4bff79dfcce9f463dea4d63fba07280d3bcfb4c7f5e46c14a4cc891bb0c5d528a10a6"
    "6c1644b28bf5e47420cf7647713a9b3c90c90d5e8080efd18cf6ee07a99737e5dc0550231c1d8a75e006addea89bfe"
    "5e0b672a6016f1ba0497e1d0f5937611feb4a29876";

static const char k4096_der[] =
    "308209290201000282020100af28579eea9f3444d48908e03f79cc5533e6abeb4d6c95923398b30f13d05c1a41b89f"
    "a39a12d42abf6b17d87d50772cff02d2cea9051cefaf62a5e28b4634290878ddf67a5544184a1c09e34c699558dc15"
    "22ab9c4112f3e03d0798233e651f477a366b01f1b41f2f93820be0592315994add39ad2cfc1f9293a8675ece0f8b96"
    "fd6f4f74257b671acfe93a9a0065244180c6719cabdaa749e81cae8d5a9e73100b087321cd8b059789552a72bdc92b"
    "4bfa36a3d164e8aaa582cf0f25acf1e2f7e446ee76e6f709d8732866e3dfe3099ae10cf8c1e726824d515156bab50a"
    "8c3c01334c6371fa9ed2d26e4d7b07ccb6130d0494366fe50322ff42b8cc9dca866312138f5ad423d039e74155dec9"
    "4f335a18d85ea63568b16bf8691ebe42e89dac9802a5254a5720e5b8bc9514034f0b92c0766c62a751f351459a83ed"
    "e091c668c2169dc771261fd0e866a1962fd19fa09e24cd9d07e0aa5bfd8167291ec903d5173874b9acbb0e5bbd4e3b"
    "32c0a606729d6ba2848073e2853cb2a3b4f4aabf2523d7cf31d7e11dd6b19b127bc9edf545dab55d5c61207f7dc153"
    "2c605344936257b1f6afa812491857eec82bc59086a372f744e4eec92f03e04a21d06cd02f47708e864e996086bb7d"
    "41c6e4258bf26a38de30063e6b09bda7668a1b434e239a7ca67d64ee6c913cf37ba3b26e729e9f689faf6dace1e02f"
    "d2b906f2cd4e7b02030100010282020010acb782b2754b858df229bd276dd1ecfe8ee428f76af1e644313242aa3138"
    "c36b2447564cd1a40f19bff93a2bdbe02c916e54614627ed7447ef0d39bee6850aaefacaaeaf40b4c5d7304a24b05e"
    "90d02fcb774c7d0898e44ca1a2ba72087b99f9b501bf3825296f9a98e1557e1b1e42ed1ffa65863df516905eac3683"
    "08fce3de10ec6ad4f4c885ad40c3c4476ae83606625b01efd7506e8293ad3f54c79eb3f7800562e881e7cd357ae677"
    "af0ab03f05f1a108016428de2df980fac12c70ae99c8ca93e30fe3ceb52369623a295334d3e0beda63a33cc044da0b"
    "f344bcfd6f123b4f05e3a5b325318ec4df6d69f5ac13ae369461864f77f7f9f30122c196c901c555af19051de0e10f"
    "ead5b9a994c7c6b9ab89d638b37355d0aa449ab52da118cfd2e8bfb2ab8564d162ba6783cde70f31fb94daa93a9478"
    "5e9990ba1317768f30709275751b5bc033c52368be9afcec3be6edb4203b062242ccc011dc477af6a17a9d5bbe18bf"
    "b9a62d151588ce520b66053e41abf75fe6f117e176f914e1c0e3d71b5e833bfee298301cf946022de20b6905b80478"
    "b18ba5540b03d9e1df3fa4307fc89666fd296a0b598151a9e6308e7280607e2e218f9c1f17f0115b54913d1ca0123a"
    "b368ce652f82048c28b718863a43cac9c9079bc30a5037b1880812d88ab36ccd8439440b3184f22308ad076a75d636"
    "4c78bbfdcdd85712ba80090282010100ee6c76283bb522382d2376ea5b4d34ca0ad1080b067a4414d3e4f5de7cc226"
    "8e0473119253fd29cbd575ffd2da2673d5bfd594113d19129ea98f8782df0bddfcc63ce18984eab00a2bfd225b35ee"
    "43c735f89d07221782e5781b081c147895f8ab795b35f6b378a89603fac35c90ce9325e351b6971cc0ec299180216f"
    "82187107925d3b2cca5925fa1434137d3b74f3ec3b1f1c5a557bf2958572cff64ba649aca60647128d79cea0471125"
    "ebefa9577545a98f733083248d5bdf6ba4de2b7612b561459f302485de01af3ca747ae772c2eefea18a3d26fcabf1a"
    "6875595a0a5ed387d210b7282f29c6b4750e9a968488f8782f56395761035da4eee631ffff0282010100bc11ebd6b3"
    "47975c98bbeaaf9b4fda2e685fb98871382e7fbcccbf8f537165eebb1abc725b5110ef742ee578a531c69e1fafe397"
    "fccea877b2de7e5f3ddc79f24fe1a9a7e47f49c68d585b7de5bbb7ccb69abb7378464816d1dfce66428cc955ac29bb"
    "a57ddb53a36d6d38e8dae8fc23aaef2bad5b4e3cc100d2d779fd20595172cf117c711b6110947a2aeb13ef5f48539e"
    "e2fa9856b3dad03c37a9d8a825cfdd30a8db1ab2251d1aab08926cad45b000ba693523054656b6215611e95c32d236"
    "58366fb6ce64c4c2cfe5c9384e09559b20abd758198ea7c90726890c8bb6bb07323a1f04e72bd0514762864201f256"
    "bac086aae1f55315935f72d7372cb1850282010100c544583ed1a7fcb81e20c9b2fdf7d34597cd7baa23a1e5d295bf"
    "4aeedaaa88dbd8329cc74556a1ce54bf5cfb4823a893a235445d3f000fb7d6f33a5bbdd043cb70f9ce61c9e7a3dfc6"
    "a59a577d37b63c8d1b36514093d369a906349f87107e8550db07ec8e41d0032c9bfe4ec5b7ca335595cf76137166ed"
    "ff36b39cf675dd6327b0a212e3ec47f674036352fcbac4f94ceb5dc247bb92e21374669a4a5e2d27a801761037f976"
    "5ecf9dfd4233040848a46f0eebf192a1ef0c468784b8d4598147d96ab200140523fd9bc73197f66713932b02b5ddcd"
    "2dbff1304cd940bebd10f7846d4c112879c70bf9ac356defd9b9aeda661644710d2ae76e0398e63d58610282010100"
    "bbf489273c6b0b097e972777b3177decad61259207dce713c0433c1ae880c7276c94cecad71a507b8f38a31b0cb58f"
    "534e45c1868f2095db72c6cbb331a6dbb4e0429e046de70c7b439d8f6a66235210645a858664289139452c902140d7"
    "650b9b10e639016c25cd89ba038b2be476c0cabf567e5d66f66ec8fcee5e3b2c8e37492f4ac17c64a98021736adb1f"
    "44368c990d8cb87771073462b21bcb41fce2353850be20a33070c90272f611284d8efcd3ed78e1a30b4d7db16de58f"
    "e711beb4b99d3562366754ec13ea2433127362fecc173dc5ec85363dd739af387e724effe1b43fc3ea69822f225bde"
    "4a614382c74cc2c69397594f5c9bb9639354cff4e5028201006ee601a74e7f90d66b42704d2cf7769dc1db576aac78"
    "7b8934811c03363beee59518ae056602a0d2a9793e6aa6086dbadd9fbb1e11e4236e291b5c3583af820df2ea3d36cc"
    "6607551fbce32ad2ac092cae077a1449e2f58ad16c30b6ce89f848da5e31b31ce1bcc556ed2f93bf7296c088e0064a"
    "35455fd36cc5345f1ccfef9adf0bf07b0dd3cfa337856de81884c12f25770aceaf0923e80a1e96dba7c5ac1792adfd"
    "70c635b0d9841ce188fe85009dbef6aea1cb5878a9b8088a945dd96610144c2f53e538f54bcd8b69e502d1e0b19557"
    "27859826d71df017d075f3f516d052b80dc5f281ff53c9579d1888c6bd84cf655708d423d0cff15388f7756cc37c";

static const char k4096_spki[] =
    "30820222300d06092a864886f70d01010105000382020f003082020a0282020100af28579eea9f3444d48908e03f79"
    "cc5533e6abeb4d6c95923398b30f13d05c1a41b89fa39a12d42abf6b17d87d50772cff02d2cea9051cefaf62a5e28b"
    "4634290878ddf67a5544184a1c09e34c699558dc1522ab9c4112f3e03d0798233e651f477a366b01f1b41f2f93820b"
    "e0592315994add39ad2cfc1f9293a8675ece0f8b96fd6f4f74257b671acfe93a9a0065244180c6719cabdaa749e81c"
    "ae8d5a9e73100b087321cd8b059789552a72bdc92b4bfa36a3d164e8aaa582cf0f25acf1e2f7e446ee76e6f709d873"
    "2866e3dfe3099ae10cf8c1e726824d515156bab50a8c3c01334c6371fa9ed2d26e4d7b07ccb6130d0494366fe50322"
    "ff42b8cc9dca866312138f5ad423d039e74155dec94f335a18d85ea63568b16bf8691ebe42e89dac9802a5254a5720"
    "e5b8bc9514034f0b92c0766c62a751f351459a83ede091c668c2169dc771261fd0e866a1962fd19fa09e24cd9d07e0"
    "aa5bfd8167291ec903d5173874b9acbb0e5bbd4e3b32c0a606729d6ba2848073e2853cb2a3b4f4aabf2523d7cf31d7"
    "e11dd6b19b127bc9edf545dab55d5c61207f7dc1532c605344936257b1f6afa812491857eec82bc59086a372f744e4"
    "eec92f03e04a21d06cd02f47708e864e996086bb7d41c6e4258bf26a38de30063e6b09bda7668a1b434e239a7ca67d"
    "64ee6c913cf37ba3b26e729e9f689faf6dace1e02fd2b906f2cd4e7b0203010001";

static const char k4096_sha256_pkcs1[] =
    "4016fa938e8d10d12ccab15541c8d72769cb404f28dbf95368ae9980fbca8af949392ceebaa8cb3b47825890c3bcf8"
    "38a73f8f12d6375d6338bc1d779bdbb86213a244ab23dba7478d491bf06ecdde0a39cdaad6db7da45dfb5db4933403"
    "991c56b782b25538629751df33a61f7d65eb6fb9230840c1addeb73c91098e65fa96f58346cfa9d5aa7bc99e075a83"
    "91272cdd1f0f00bab5151ed9da960c195cc1646ff2475e4f637b604983ae3b96604f7890ea1f1c2271dd572d2702da"
    "12dfd2a14a22d943912a535b6f6d899576fabfc810cf6d8a72f538421aeda5cd6e51bddcdc0b1e0d9d26bfbba558b1"
    "0aa00edbdb1957838461daa9ad69955863c993879df4602643cdfd7c86b17690c7fb444f75105504cda714938a511d"
    "de022672d01e0c8c2729f3faa8fbbe011ece27ef6f99454d5dd0e52229641d053060221ef192a15c3bee705b9b2f1e"
    "15bff72aca7aaa4ce584bab40c3ab46f90207bcb2d20caf6af6c9b9c0b3022e5c8a0d99a692db9a4b4e72620fee934"
    "5f60e32fb348b1aa9240b33c8fb423fdb3745e9bdb54b76eac5c682b6e3d853155e6d880fb872b5df1b58cfe701f21"
    "f9851cfa44cd52dba4c815aee36d973aed29b73cbc8f8c4eb876370af9aa07451a59b9669180656df55c1d73f583f5"
    "3726130f512351cd39ad2ee34e08589e4fb41af37efbcb3d45cae741df3d80096eb9d953d6c26fbc303a";

static const char k4096_sha384_pkcs1[] =
    "50e7e2c375b62821ae69d8cfb2acebbd2744629980ccc673fd7ef85089b9f32e94f359756b3c8b26a65983f19dfb22"
    "85bdd42c1756b67cc3802ce127b91379521c832aa13b2db6fe9704b4f8116154addea47938cb411be53f5a3dfdfbe0"
    "8595b9308cffe643563bfc06593ef707330decbc7d297d830617779799e6a64d47b5562f47481df64b5fac55eb9567"
    "5b57a73c57da3a6c46bce01a387d005cca3d1e84a583b332ab923c80c1ce57dcb866e0deb33550bdca4888006350e8"
    "99bd414c63eaff2334beed406f89915304479087c57149fef2189441366ddb9487fe5c56855ae85f798eac4d325297"
    "06e62b1adc5c0cdefe010377621e26ddc0fc02c7f8a4bcd58ea84abdf77b6e276b4caad8074a37a3e5cd0e7880e40c"
    "8f0806dce62ce9c670b77ce2a4b8c8e3d25c53a93e1920c2ba888faec0ac66895c123617d9345e002b1c50214bff65"
    "cc7a149a4b1dcf240293381a3c1ea87fb7bea24d94cfa2ad9135c44cffa1851254c55cf6ef8207a7c59f7aa2287066"
    "6e3a5075a1da6b629233099307b79a988c2ce92cd7e754acd6257e4b955ba511c984e8f7c42e4960c3778e1292861b"
    "c4ad66bf55dc18dc4ce2e660b9e4fbcb6cbc99d80720e9151c6da2eb50823cc29c184967dbd01b630b7e8b490d531c"
    "dd9c16ee77cdf49848306c73753a5ea7be4a6cc25c7b37ed3a11dac92df99468ef3e2b8553456244960b";

static const char k4096_sha512_pkcs1[] =
    "6c0beaaf28157aa41ca1e6b467b675bcf62bcc9661f1cec3384e7a49c8e05b7e338fe1980bb5c77369d2e31c36a972"
    "2ba5e2a2a49a7b0fb7a55ad50e26d51afd01dff26b1a36bb0f881d0a3b00546e4c3844dbb471c068e37f7164b68204"
    "fcd9f578168d5248ffb6239e51e2c2c1bc300004fbdb9900fdddde355eb95fbf2ccdc0922acf4782a6d36a00f60346"
    "985613fc7d9570acfd7eb99dc817ac230444e8cf30ffab294c2b80300b7d739d5e14131545b01b2331ada5a329b42c"
    "9b1a81dc71d90b6b5fbb0cb05285dc08c891c5260e17ae5ccb48a3ea4070dd88c21d96007c510d29862d42e6e4f016"
    "0bce3ceda835c39299e9ac2fd943e5556b3ec713f59277b515f6f65acb9d0bff3f2d8739c5ea7dc7cf65adb12353a4"
    "4dddf908e3cda013407e5bc1be72b6f1dc721b1f774ae160933060769431722c8ce019b9704e25cc5d72a005e3a27b"
    "a2b3618234db0de0db614903ddf0da2abdb5ba225cd5288e039dffabd4c7e73b9d3084351f4cae5c4af3795990297d"
    "e8adc2c28bc7621a5884adb9c9f97a80432478947972d4f54caf7cd327721f0c177b3e1bf5a9c62b60c0ddbdbc4327"
    "715cf616c2b5983e98b7b3acf6e6024dfc5a9374406ee62ee47b6d0809aa8322bf3c6b14a7d509e62666ec6f568cfd"
    "c57dd41399008f661d22bf44ab3e9b8b064a51cc30eeca3e95fc83ee3b7b33eee150fa4c81dd1afe62ce";

static const char k4096_sha256_pss32[] =
    "a26c8da24a85f0086d9d9652c88d43053d1e859b282ca65c73ce1253c50085e40773c1d7a266c0b9e102c0a2c19af6"
    "0f025d94fddc6a34ede05a34d3500338d3b1bf01067933b474d5aabcfb44a9950a4a3e09be4448613aed161ed98ddf"
    "263843c462e8c413f354ae880733dcabe3d34ef034960b119f67808e1940099f6aa21a78f97ae3161d1729e93e05ee"
    "96834a5b08916a2e4fdf8e300de82fbf3596da4310495316d3c8b7f21681abe2bf81467ef850a81366aa8fb61452f1"
    "fd51ca3b7f375b4bb2ba72430f721977740ae40e05ddefe4b61bc4a36d41cb55a482f5ca2c1f4e86806975a9766c7c"
    "46b54c55c31044fa172c34e77245a3725fc08b305bcf44cacb3aaf1bd6eb010d275b68acdd56f04bb7cb2ec7a45c86"
    "8a164eb2c78e2f841b7104200081a008668c1240464f6ef0eeab289b9a17bb9a748fd108ce4bd6c0daa66733cc177f"
    "612ea294797c80671b536d33ff8f4f497ce046fc249c79ba6a1450b4df78f23d6a9bce3bfeec7454ff4bad991290d3"
    "4bb687d4417b7a958fbb24ed0df3c4529986575beb66f63e59951e77466ef01f9c3b24dfe31bff219b87287fae83a7"
    "929b20f6144b617ef82e4169c05a06ab514208816eb54222b4e444729a1ed8433861db7a754ff101cd28067cebd881"
    "8797778fc4e777dd646d542dab6ae4dc15194e4906492c3a66480470022fc5e7cd7ee868105aea4c7fbc";

static const char k4096_sha384_pss48[] =
    "6628753c8f7b59a62f7bccf8c911cc844611cc313d3f20ea82daed76197ddb64d687918ce4815173ceaa28419f6fa3"
    "6f3c46aa989fde048bcf82bd60d708afd6fd3a6d316347a01cbe077f2314a37389a483baaaae52d024378ccf570ea8"
    "1536de91e3cf30a4fa0e9014c0a80865ef1c5f155eeb9b7bb3baf5fe7fcb69f358e8f8e87e3a36b4c458b1ec3aad30"
    "fdea15c748d4c83bd7311d517bcc0ab5442ce5b35739ee5a90af3e34976bed4d77644c46bc8ed0245d84e374b88f9e"
    "ae189c04af353fdf40c35aa0e4478f87ab956c0d7f2f65add19f7a888f0d1c7e445ae0c970aecf016b2a28f893112d"
    "bcf3ddccb4fae85bf8bbb52b33d14f2d537751c36a34e2c2e020f8984b03bb344dbc6b87d5355088d8defcb23681d6"
    "19c901bf3911b77b7731ff1aa2525e26cc4805119a8c0e2fd784838c3f1e8bf74f1f0204cd665e80d1b445cd2f682f"
    "54407cf04b97ed1df9d201f833687b8059b04f5af63b87d5bc677b8ed7dd75178e2e84eca714fa0a85ec9d983a1457"
    "8535d9b52025f254b7831238f4621df4994e02261ed555241f140e26f42da91c67829a24dee66b727d3910e2003725"
    "ec6cf050a2964a1eb0ff6afb67c0fd80962a6da4f125901df910b6ddfe95e0198d90151767c9603e454f9c53882ea6"
    "4feab08d5c5a8677565fb5cf02e212cbdf7d302439c3e498ca427ff57477e9ac3d19cd23a164b16d6c12";

static const char k4096_sha512_pss0[] =
    "6734019c390e4680967e0b0531c98d86fee751d0703e945d1e7ed36dff0b7c9fa05295773b3483594a8ad04726efca"
    "8ee8988b0f78518482d01fe54b3eab8aac33469f315721ce00172c3f31d92024676e2fe0f46e92459afa994965f2d3"
    "925b21308d1414a162f813057377cfec6d8392bee65f0b3d5af54f9a47803fd829e5515394b59fab77e009e997acda"
    "1e1a7e7ca8f828bfebbb820abf90b7f340dcc8909ff625c40bacb7b5491bf40fecaed8f73b5f44dfb6012496ea14e7"
    "64cea7ac27cf9a5cdd86840ed32c20875dd8cf0c5a213dcbdf86817e38183c6ba2416e3056bf33fe89a75a7bd27ea0"
    "acd47bad1d3aba06b280869ac2b55df9136bc96e07568bc8b1a758bc84118ea9cc559621dfd67cc8693cb96d1db841"
    "7c777d74cc555d6eccebab0ca0fd661aa638f8e0472728e8dfbc9e07195e41ab180273c000ea276a84cdf5fa1cc2da"
    "3dc02a1caaf96101b300a2eeff64fe30d00f51311988e47b4510abcf6e9ee515455671496e1fa5c0844ff3958776ab"
    "e5073fea57974efebad722975d9d2e3b05ad6ea13dd802af7dce0d7adcf79ea4d09888ba04c65c783b23807a87947a"
    "55d16b7486f9621fec9e58494aab659cae0bb842aa4556e0fff55c9df1cf1a7ad24b7511383b061b4559c0296c057f"
    "d4987a4b178b48d95b024cdb39bb89dce151971ca103f3fbbd37167b44e1cd63a70d1bb0854b2822a05e";

static const char k2049_der[] =
    "308204a40201000282010101111cfedc157b1745d3a5085e7c7d254ecba455dff3c89f840817fb344e23e3a0bcf39e"
    "572c79d33493fab80309abdec04ea6b55a4ed527df88839e2ed96d47665a8b1c971cba7538d7d4e38bd41a7b835287"
    "3568024f6a00d4c4a940a8c08fa760675e0d3bc2eef18929fd8329ed760788391c4c1af754ea268385b2bbab75fd7d"
    "489a73717326f59faca4311e8aead72e63527fc1dafb4b1adecc22e179ff4f508a89355d5ce5f5033f63639b1ecc48"
    "f8b6a6944b7ee89358e86e985e05683c865c2845d1361572cda4fab8737a633236b7e2c0de3ca07daacd1f40212a63"
    "3aa9597f858749e2ea2989a82a126711d88aec9e71de1f708cd3545b77bcd148490203010001028201000b18f98629"
    "dd4991cdcacbef42f1b6dd5fcafaae51f29a00bc6f7506a8122f42adcadc69406666dda111b3fe739b273efb332cf5"
    "5174b9dd0c6804ba749d4b246e936e82f968de30841ca36e601cff5dd3b1a8cae42523f28ab2bf09e0918a84cb9707"
    "ac53fc54c73dc29609895f9bc72c92dd827e2a04aa4b0c57176f26c57184f38a24bb776e91b9fed7e39338c8227ea6"
    "a860bb6fe2ce3b47b20b33eaf116149653e402f9744228ebd71a52abc21885fc1524466d9b874021b5e023217ecae0"
    "c23616d252433f0197d5f07f8ee935af47b44e8b98cf676f40291c8ad112c344f00777b320c1c6330d6dde9690961c"
    "c9a1c08a7cb43ccc49ff5f86036420b102818101097f9e17bf70f7b5106cb1086f3782fe321f87ac79775a9bf9be05"
    "36ac6b7fa8d63e732740e56d337340ea5d826bc21dd0b6a3c91fb89d4a1569795bbec4bd6738083675ebce5ee1032a"
    "ead3f1afa2b409f898a6e3d807ab76d83e64673b323aec25720c51fa74eba340b947535ead4907baf1ed6c2efa1452"
    "c8b7205bfa6725028181010757a30676addf8b1a9631071fc42269e0906827fe363ade6b0f89cada63dd16b203bfb2"
    "202bcb151585894124b545ef8beb5491573cd449c6e9915ebf969dea66eddde8d9dc758eec2365526f32fb44bc9ea4"
    "ec21de7e12a50c02eaec0e60ef9e1fbad36b4aebbd44785575048502dab6616f5ab33d51fc6a46790b712b15550281"
    "8100d15ba7efb40fc1d52ec976e45ec7186d985ad2a2c7f9bd22a7d216cc613437ab8c9e1c3204f3a5a3dfab7de414"
    "f722505e87d729bef0d65f57f91f30a083059402543f95c747a9fba782cd402a22449bd20d0d5af4ea224a2c6222f9"
    "0b8a5b76a94671e393357bc360ada62cbf6a361d13927039b78867bd64f64fa99dbe1c5d028180637168928c46645f"
    "f70e383d64758039531fb4f5453ddd451850a9cbfc64319cdc64260371ba97d9c262c6cddebac54a0c2035b31caa4f"
    "cffc593f17f4694000c0159af2cf323d025791963566e06d9a2b500d1f4e3ae288cfe29547791484ee775bac052243"
    "0c7a505cd0887bc86ea780af9289419e2a53931e419f5c80d471028181009607ed0a1de1bffffd2751702d54ab62e4"
    "75f11aa7aa3579323ca833a9bc7e5b07d5a431944eadf6752548aa4750aaa7a2f9f47322d28fac3fb3ab4e1e179eda"
    "438d18a06e14edaac1479170aa89af3dab06cc53e0e73fd610868c3f50cd1be40ad3f5700bde256282f891ec4d9213"
    "6240c82233b3232ab1ebd883717e362086";

static const char k2049_spki[] =
    "30820122300d06092a864886f70d01010105000382010f003082010a0282010101111cfedc157b1745d3a5085e7c7d"
    "254ecba455dff3c89f840817fb344e23e3a0bcf39e572c79d33493fab80309abdec04ea6b55a4ed527df88839e2ed9"
    "6d47665a8b1c971cba7538d7d4e38bd41a7b8352873568024f6a00d4c4a940a8c08fa760675e0d3bc2eef18929fd83"
    "29ed760788391c4c1af754ea268385b2bbab75fd7d489a73717326f59faca4311e8aead72e63527fc1dafb4b1adecc"
    "22e179ff4f508a89355d5ce5f5033f63639b1ecc48f8b6a6944b7ee89358e86e985e05683c865c2845d1361572cda4"
    "fab8737a633236b7e2c0de3ca07daacd1f40212a633aa9597f858749e2ea2989a82a126711d88aec9e71de1f708cd3"
    "545b77bcd148490203010001";

static const char k2049_sha256_pkcs1[] =
    "00662d10a821e2a26570eafb94a79e803cd2c4c64ae808e6f95b5076c64e082dfd0a946745a94b3a09f9b12bae9c8b"
    "be9c75ffb5c7f59716634c248464f4df5a99e08dc909f5b627e6cf7bbddeaf8868d9f697e5847fe5c50276b0b5c459"
    "87e7fd85ae833c1f4aa34c8fb3ab86c3564d4536ad2e7ff1975d075d8541ae8cc924bcc329281a49dd39d673405e33"
    "cceef1dd56eae6c606dbdc3f5e667436436e4f530d1e741c827943d25a802cdc181eded1f8bcd004d66aa291728c46"
    "1442f018bc8a24782fad342ce8dee4aa424dbd02a86b9a7ac43207b4cedf532a231e6ed44c7653942034bfb574125c"
    "edf1a0e0d1c86f58e6015e7387c566b8411751fe0dc8";

static const char k2049_sha384_pkcs1[] =
    "0034617ee7e6f24a297dc876173b08e246a18bd6c15e3f5682e3fffda56c02c4e8179c05833aec5dad419194c5c0c0"
    "c50f0acb47ae326e7a351eed68aedfcddbbb114f7b34d09088b24cd9b283c550e5cee000cc21c2648d2309cedfd7a0"
    "9de3d2e5d9d45870b585e87b84db6fc0e9305ce9df001ee95519fdb891cc69e752d021bc91b71600279c800cfaabca"
    "49cf51652167e4ddcd628a0935b0a8d2fad3e61711ff2bbfae874481cf95941b8aa55bb4ca9296dc5f42adffa28b43"
    "13970866107b8fd0faa9fc93b6b9ede3ab67c4daec07deb3997bc2a5fed8a595aae73c20123a57378e2d2799f46568"
    "d6693fee532bb1b5a4e956aa9b45a7fea31f4bc3d334";

static const char k2049_sha512_pkcs1[] =
    "0040aff16e6a8102fcd8d5df2b26f047dc82b23eff9b8f6dfe7ce69747321f2754bcec8926bcfcaf20b1245a7474e8"
    "2af83bfcaa4b609f51711fad52ba96d6edc33fe1909c2fa19d7bd5f893cb1a67b1fca274a5cf03687c9ca7450e09d8"
    "5fd998a951d64c73c480c51c4378df4b04898c0e45126f9f59b4b658e174b57c98a978c12b5ed2adf038ae4c45547d"
    "4f37c49198a74993711558c6c501844bc059a7f40e640154e5aa56f529f93ad88f26ac87aafb607308d6416c3c7142"
    "0bd1b20251f1a1dd2220d792e228b2228f7899ebdb735f3018ce2baf96ef81580205834f8ca48ca050835a06c5b790"
    "9422da141808d31f71e898b67602a1e27654f281da0a";

static const char k2049_sha256_pss32[] =
    "0055e116a126ce1821f6d9cfdd91f07a7688ab3f340a892cb51ceb3c806e170134fc132d5cdfaa6b9462a1975f84b2"
    "32f257585ff97be8e2188e36827e9223b5c786aeb0046062df7b962010abddf813429142cf0a7670516f3a970300f8"
    "2fd287aca4a4e683947835516b88260613ff109caa27af7cd22e8bbbf4e70ff40ada996782b37c9600a7c269d5de64"
    "dd55fcfb00fe2ec1332f5f832aa4aceb816fc92c8748ef073319c9079fbaf6d876aa0aad0545c69ccb94bc27b69cdf"
    "22b96f6eebf4483504aac648a2e337740d6453deafd75d6f9bba50ff90fbb26cbdca756bb389fa566281906e89c51b"
    "f08719217591d7a7ddeffc3e4e321ffc94b9660ca8d0";

static const char k2049_sha384_pss48[] =
    "00ac70a0041ebfda95c1787e6f311d0d1050665aad9fe43bc81da8c0da678129e1c66a21f34ea130f80a20643e98e2"
    "b1222d1f560102976d04b66176fa038a476531d7988f221fb4f5c2a2cc6e646f0771758540a1abf8ec57aa2df2efc7"
    "e1670b427309e2e91e2d1d55cd4dc25388cd28c6bf3564c764278f11868dc30ac3ee0f9e1af58bbcb03df7974e01d2"
    "33a40c2ffe668fd361b61c5155e1b163710aa205d7753bfb7b88c6ccbdca7039d49de2b6b40e763a149c55aa23d522"
    "7d79df45b1d9a9a793f2c1cdd6da421afc1dd322066f11061b393c41f103e7a713a41da0de6cc56773524c7ca8e3f4"
    "24d6bf3fa8a300a70d8aaac089d36a198cb95fe06869";

static const char k2049_sha512_pss0[] =
    "003142335c2d05f272f1c474d97c53220d3bc8b79a727882dae646d173c483f7413b57b14d448afefb9f7c914267a5"
    "a0ae1b6523da33d9f3e3fe4c5db1ecd3260257a6d6afeb8d424a68370a82f861c90363795e76bbb8c42e8e7ba599cc"
    "25dc71e9f2bb4828721bead5c2f6618b28b5a0bf514d017aa1bf96fc86670e102de61e18bef4502b8ade314b7ce16a"
    "d917447846ec3d23fbba460f837e14220938fa4c2e612573135bba5239d5ec8dd2861476ee05586bb6b62e6a7941f8"
    "909b301ed92a2006102229c8ec20da75a818256e2bb5f654b01afc24001249e32fe01e37b472719e887c8132a5172a"
    "b6e71a5ab79c31bca411bbb290f1b1d12a5cee4b43b3";

static const char k2048_p8[] =
    "308204be020100300d06092a864886f70d0101010500048204a8308204a40201000282010100c8f8601636de04ce8b"
    "32c0391d1926e3016a338323c2b041907886816e8807fef2fd55fe53971841706e7b42bf10ae81674a52c66f1d8afb"
    "39228cdcb3bad4f36fbd68e6f502589c087b2814b417bc26959196ddeee183cbd095edc7647dbda043c56a98eaeeb9"
    "3957c12c94c2f96e9f7a21a8ebfa98436ecc01f788a10127b34e6f0f52e0c431839b46f3a56bdebe6b7d93fb824a94"
    "ecde9fb4c0c168206ea455314bafe64b7af4a41a727bd5d77820e15732f39122f5e09ce8343603a6a37dfe45d4a251"
    "17d2b037fbad9f532ed313305dc7562a9f829dcd5160cbcf51e0980f56df74d90f248cc7238ea9609791b5dc0572a0"
    "26f35bcb6a91d2c5ec999d17020301000102820100016a32b2455706db93dc87fce85bbdc4323e07b865b7bab92af8"
    "9730a623f0f76923c234b9a90b81c2327ddca876756575c3f6552998191769f9d2da1b80855e0a3214d96c1acc727d"
    "00ade6872d75d5ab1dd62feb80d0a47402eaac113f31413e070481a8ae75bd8a84d29aca17c8ce25bbe0fd3db8aa0d"
    "56b8fc782abe7a5df8e94b859464536dbf5cf47048a6ee5dc0e1277323b76b0148dba6b510a7e0085e084bfdc4edaa"
    "3eb4b65c27bac9bb040ef7338f0d76606daf6c22a2654b537c6b337af097f4a22339e7fbc0e847f51d1369be8ebb68"
    "9c46390ebb5820c68b2bf6a65ddb33b08522433d0d95c3c9206611cf6a93f682114c1bafa0a0ca56ad1502818100f6"
    "41cb10163d13dd0e1a0f87b80c711d2307604323223e402d58ad18e5753b8766cc0cab2a857525509ab1c3bb98cf0a"
    "939b2603fb781e6e7aa72e29b46305168601bcdf972fbe8fd2ad04934f0869c320a71059e40f1a4b114182d121a33d"
    "2c595fdfc9e6f0bb909da199e896d12bdfcbef67e3081d5751c0da7e467f45b92d02818100d0ebe56f1cf5b257ed37"
    "509ac164e339fb4375dc0d90fe9e218cbcb8491851deee521b5b5e33eb11a7ab76c6a02235ecd067cc0a4997f8c8ca"
    "4752f18966993df29e5348f1da83baee5680bbd63cc73a53600b13459b6731146828e5a448f322e538c3094f9624fd"
    "3220e7d0a82f5bdaadf3327626363265e4ad69c651ee11d30281800b0a240a5294e6611092c6837512c9b75eaca3fa"
    "1e871877541117a17817eb55449c7d2ce739186955d5b98666d090e78e7a7417d59c2af114fa8dad3cf2fb75690886"
    "e9172402ccfbcad9dba8bd5dd06b9451bd55e5ff6dc21647c10c5aff110fe8a665acbeba09dfa730f92659b637d032"
    "a95b9a2f868c99b2b1da833622f902818100901995178d9efe12dd8060ad4d251c013b086dbb88f3f05afb830a0c06"
    "06ab399ba1b052d5e7f3842ae4fe38c3ecb4cb1177f669461777366f26c0d3ee5480f0146f15bce36c379df0946398"
    "ab8d22515d7e8a4511a6bd8741af123e4a91327a68263d882787c51d8abcdd87b2e96f6ea6ba6e9cc5806e448f74f8"
    "d71c5d9b9702818100aea0cd098084b508377793d8983e735b46f81f0495dec43f228ef2b707ba3fb6ed715053d4fe"
    "9d49eb83ffad692e9e1d3ab6447537834f601a4e4098d9461bdb00d9126836c331c61fc8827be99a06e03186913b20"
    "4bb30a5801b6eaa5c5d8008bbe391007736f83b018bc718316e3ec35476ec9b4e143f7029116947ecb7fbb";

static const struct {
    const char *der, *spki;
    unsigned bits;
    const char *pkcs1[3]; /* SHA-256, SHA-384, SHA-512 */
    const char *pss[3];   /* SHA-256 salt 32, SHA-384 salt 48, SHA-512 salt 0 */
} keys[] = {
    {k2048_der,
     k2048_spki,
     2048,
     {k2048_sha256_pkcs1, k2048_sha384_pkcs1, k2048_sha512_pkcs1},
     {k2048_sha256_pss32, k2048_sha384_pss48, k2048_sha512_pss0}},
    {k4096_der,
     k4096_spki,
     4096,
     {k4096_sha256_pkcs1, k4096_sha384_pkcs1, k4096_sha512_pkcs1},
     {k4096_sha256_pss32, k4096_sha384_pss48, k4096_sha512_pss0}},
    {k2049_der,
     k2049_spki,
     2049,
     {k2049_sha256_pkcs1, k2049_sha384_pkcs1, k2049_sha512_pkcs1},
     {k2049_sha256_pss32, k2049_sha384_pss48, k2049_sha512_pss0}},
};

static const char msg[] = "mote RSA known-answer test";
static const mote_hash_desc *hashes[3] = {&mote_sha256_desc, &mote_sha384_desc, &mote_sha512_desc};
static const size_t pss_salt[3] = {32, 48, 0};

static mote_rsa_private_key priv, priv2;
static mote_rsa_public_key pub, pub2;
static uint8_t der[4096], sig[MOTE_RSA_MAX_LEN], sig2[MOTE_RSA_MAX_LEN];
static uint32_t work[MOTE_RSA_SIGN_WORK_WORDS(MOTE_MAX_RSA_BITS) + 16 * MOTE_RSA_MAX_PLIMBS];
#define WORK_WORDS (sizeof work / sizeof work[0])

/* Random bytes for blinding and salts: a DRBG with a fixed seed (the tests
 * are deterministic), and one never seeded, which refuses to generate. */
static mote_drbg_ctx rng, unseeded;

static size_t unhex(const char *hex, uint8_t *out, size_t max)
{
    long n = test_unhex(hex, out, max);
    CHECK(n >= 0);
    return n < 0 ? 0 : (size_t)n;
}

/* ---- a tiny DER writer for the parse tests ---- */

static size_t der_hdr(uint8_t *out, uint8_t tag, size_t len)
{
    out[0] = tag;
    if (len < 0x80) {
        out[1] = (uint8_t)len;
        return 2;
    }
    if (len < 0x100) {
        out[1] = 0x81;
        out[2] = (uint8_t)len;
        return 3;
    }
    out[1] = 0x82;
    out[2] = (uint8_t)(len >> 8);
    out[3] = (uint8_t)len;
    return 4;
}

/* INTEGER from big-endian magnitude bytes (a zero byte is added when the top
 * bit is set; leading zeros of v are kept, to make non-minimal encodings) */
static size_t der_int(uint8_t *out, const uint8_t *v, size_t len)
{
    int pad = len > 0 && (v[0] & 0x80);
    size_t h = der_hdr(out, 0x02, len + (size_t)pad);
    if (pad) out[h++] = 0;
    memcpy(out + h, v, len);
    return h + len;
}

static size_t der_wrap(uint8_t *out, uint8_t tag, const uint8_t *body, size_t len)
{
    uint8_t tmp[4096];
    size_t h;
    memcpy(tmp, body, len);
    h = der_hdr(out, tag, len);
    memcpy(out + h, tmp, len);
    return h + len;
}

/* the big-endian bytes of np limbs, without leading zero bytes */
static size_t limbs_be(uint8_t *out, const uint32_t *a, size_t n)
{
    size_t i, len = 4 * n, skip = 0;
    for (i = 0; i < len; i++)
        out[i] = (uint8_t)(a[(len - 1 - i) / 4] >> (8 * ((len - 1 - i) % 4)));
    while (skip < len - 1 && out[skip] == 0)
        skip++;
    memmove(out, out + skip, len - skip);
    return len - skip;
}

static size_t rsa_pub_der(uint8_t *out, const uint8_t *n, size_t nl, const uint8_t *e, size_t el)
{
    size_t len = der_int(out, n, nl);
    len += der_int(out + len, e, el);
    return der_wrap(out, 0x30, out, len);
}

/* RSAPrivateKey from the parsed key k (d is written as 1: mote ignores it),
 * with one component replaced if which >= 0 (0 n, 1 p, 2 q, 3 dp, 4 dq, 5 qinv). */
static size_t rsa_priv_der(uint8_t *out, const mote_rsa_private_key *k, uint8_t version, int which,
                           const uint8_t *repl, size_t repl_len)
{
    const uint32_t *parts[6] = {k->n, k->p, k->q, k->dp, k->dq, k->qinv};
    size_t np = ((k->bits + 31u) / 32 + 1) / 2, nl = (k->bits + 31u) / 32, len = 0, i;
    uint8_t b[600], e[4] = {0, 1, 0, 1}, one = 1;
    len += der_int(out + len, &version, 1);
    for (i = 0; i < 6; i++) {
        size_t bl = which == (int)i ? repl_len : limbs_be(b, parts[i], i == 0 ? nl : np);
        if (which == (int)i) memcpy(b, repl, repl_len);
        len += der_int(out + len, b, bl);
        if (i == 0) {
            len += der_int(out + len, e + 1, 3);
            len += der_int(out + len, &one, 1);
        }
    }
    return der_wrap(out, 0x30, out, len);
}

static void test_public_parse(void)
{
    uint8_t n[520], e[8], d[1200];
    size_t nl, len;
    CHECK_EQ_INT(mote_rsa_public_from_spki(&pub, der, unhex(k2048_spki, der, sizeof der)), MOTE_OK);
    nl = limbs_be(n, pub.n, 64);
    CHECK_EQ_INT(nl, 256);
    /* RSAPublicKey with various exponents */
    e[0] = 0x01, e[1] = 0x00, e[2] = 0x01;
    len = rsa_pub_der(d, n, nl, e, 3);
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, len), MOTE_OK);
    CHECK(memcmp(&pub, &pub2, sizeof pub) == 0);
    CHECK_EQ_INT(pub.e, 65537);
    CHECK_EQ_INT(pub.bits, 2048);
    CHECK_EQ_INT(pub.len, 256);
    e[0] = 3;
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, rsa_pub_der(d, n, nl, e, 1)), MOTE_OK);
    CHECK_EQ_INT(pub2.e, 3);
    e[0] = 1;
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, rsa_pub_der(d, n, nl, e, 1)), MOTE_ERR_BAD_KEY);
    e[0] = 2;
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, rsa_pub_der(d, n, nl, e, 1)), MOTE_ERR_BAD_KEY);
    e[0] = 0;
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, rsa_pub_der(d, n, nl, e, 1)), MOTE_ERR_BAD_KEY);
    e[0] = 1, e[1] = 0, e[2] = 0;
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, rsa_pub_der(d, n, nl, e, 3)), MOTE_ERR_BAD_KEY);
    memset(e, 0xff, 4); /* 2^32 - 1: the largest */
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, rsa_pub_der(d, n, nl, e, 4)), MOTE_OK);
    CHECK(pub2.e == 0xffffffffu);
    e[0] = 1, e[1] = 0, e[2] = 0, e[3] = 0, e[4] = 1; /* 2^32 + 1 */
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, rsa_pub_der(d, n, nl, e, 5)), MOTE_ERR_BAD_KEY);
    e[0] = 1, e[1] = 0, e[2] = 1;
    /* even modulus */
    n[nl - 1] ^= 1;
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, rsa_pub_der(d, n, nl, e, 3)), MOTE_ERR_BAD_KEY);
    n[nl - 1] ^= 1;
    /* sizes: 2047 bits, 1024 bits and MAX + 8 bits are unsupported */
    n[0] &= 0x7f;
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, rsa_pub_der(d, n, nl, e, 3)),
                 MOTE_ERR_UNSUPPORTED);
    n[0] |= 0x80;
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, rsa_pub_der(d, n, 128, e, 3)),
                 MOTE_ERR_UNSUPPORTED);
    {
        uint8_t big[MOTE_RSA_MAX_LEN + 1];
        memset(big, 0xc5, sizeof big);
        CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, rsa_pub_der(d, big, sizeof big, e, 3)),
                     MOTE_ERR_UNSUPPORTED);
        CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, rsa_pub_der(d, big, sizeof big - 1, e, 3)),
                     MOTE_OK);
        CHECK_EQ_INT(pub2.bits, MOTE_MAX_RSA_BITS);
    }
    /* DER errors: non-minimal INTEGER (leading zero), negative modulus,
     * trailing bytes inside and after, non-minimal length, truncation */
    {
        uint8_t n0[522];
        n0[0] = n0[1] = 0;
        memcpy(n0 + 2, n, nl);
        len = rsa_pub_der(d, n0, nl + 2, e, 3); /* 00 00 n */
        CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, len), MOTE_ERR_ENCODING);
        e[0] = 0, e[1] = 1, e[2] = 0, e[3] = 1; /* exponent 00 01 00 01 */
        len = rsa_pub_der(d, n, nl, e, 4);
        CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, len), MOTE_ERR_ENCODING);
        e[0] = 1, e[1] = 0, e[2] = 1;
    }
    {
        /* a hand-made negative modulus: INTEGER 0x82 0x01 0x00 n... */
        size_t h = der_hdr(d + 4, 0x02, nl);
        memcpy(d + 4 + h, n, nl);
        len = 4 + h + nl;
        len += der_int(d + len, e, 3);
        len = der_wrap(d, 0x30, d + 4, len - 4);
        CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, len), MOTE_ERR_ENCODING);
    }
    len = rsa_pub_der(d, n, nl, e, 3);
    d[len] = 0;
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, len + 1), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, len - 1), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, 0), MOTE_ERR_ENCODING);
    {
        size_t l = der_int(d, n, nl);
        l += der_int(d + l, e, 3);
        d[l++] = 0x05, d[l++] = 0x00; /* a NULL after the exponent */
        len = der_wrap(d, 0x30, d, l);
        CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, len), MOTE_ERR_ENCODING);
    }
    len = rsa_pub_der(d, n, nl, e, 3);
    CHECK(d[1] == 0x82);
    memmove(d + 2, d + 1, len - 1); /* 30 83 00 01 0a: a non-minimal length */
    d[1] = 0x83, d[2] = 0x00;
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, len + 1), MOTE_ERR_ENCODING);

    /* SubjectPublicKeyInfo errors */
    len = unhex(k2048_spki, d, sizeof d);
    CHECK_EQ_INT(mote_rsa_public_from_spki(&pub2, d, len), MOTE_OK);
    CHECK_EQ_INT(mote_rsa_public_from_spki(&pub2, d, len - 1), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, d, len), MOTE_ERR_ENCODING); /* not PKCS#1 */
    CHECK(d[16] == 0x01);
    d[16] = 0x0a; /* 1.2.840.113549.1.1.10 = RSASSA-PSS key: not rsaEncryption */
    CHECK_EQ_INT(mote_rsa_public_from_spki(&pub2, d, len), MOTE_ERR_UNSUPPORTED);
    d[16] = 0x01;
    CHECK(d[17] == 0x05 && d[18] == 0x00);
    d[17] = 0x04; /* parameters an empty OCTET STRING instead of NULL */
    CHECK_EQ_INT(mote_rsa_public_from_spki(&pub2, d, len), MOTE_ERR_ENCODING);
    d[17] = 0x05;
    CHECK(d[19] == 0x03 && d[23] == 0x00);
    d[23] = 0x01; /* one unused bit in the BIT STRING */
    CHECK_EQ_INT(mote_rsa_public_from_spki(&pub2, d, len), MOTE_ERR_ENCODING);
    CHECK_EQ_INT(mote_rsa_public_from_der(&pub2, (const uint8_t *)"\x30\x00", 2),
                 MOTE_ERR_ENCODING);
}

static void test_private_parse(void)
{
    uint8_t d[2600], b[8];
    size_t len;
    len = unhex(k2048_der, der, sizeof der);
    CHECK_EQ_INT(mote_rsa_private_from_der(&priv, der, len), MOTE_OK);
    /* PKCS#8 gives the same key */
    len = unhex(k2048_p8, d, sizeof d);
    CHECK_EQ_INT(mote_rsa_private_from_pkcs8(&priv2, d, len), MOTE_OK);
    CHECK(memcmp(&priv, &priv2, sizeof priv) == 0);
    CHECK_EQ_INT(mote_rsa_private_from_pkcs8(&priv2, d, len - 1), MOTE_ERR_ENCODING);
    CHECK(priv2.bits == 0 && priv2.p[0] == 0 && priv2.qinv[0] == 0);
    CHECK_EQ_INT(mote_rsa_private_from_der(&priv2, d, len), MOTE_ERR_ENCODING);
    /* the rebuilt key parses to the same thing (d is ignored) */
    len = rsa_priv_der(d, &priv, 0, -1, NULL, 0);
    CHECK_EQ_INT(mote_rsa_private_from_der(&priv2, d, len), MOTE_OK);
    CHECK(memcmp(&priv, &priv2, sizeof priv) == 0);
    CHECK_EQ_INT(mote_rsa_private_from_der(&priv2, d, len - 1), MOTE_ERR_ENCODING);
    d[len] = 0;
    CHECK_EQ_INT(mote_rsa_private_from_der(&priv2, d, len + 1), MOTE_ERR_ENCODING);
    /* a failed parse leaves nothing behind */
    CHECK(priv2.bits == 0 && priv2.p[0] == 0 && priv2.dp[0] == 0);
    /* version 1 (multi-prime) */
    len = rsa_priv_der(d, &priv, 1, -1, NULL, 0);
    CHECK_EQ_INT(mote_rsa_private_from_der(&priv2, d, len), MOTE_ERR_UNSUPPORTED);
    /* n != p q */
    {
        uint8_t nb[600];
        size_t nl = limbs_be(nb, priv.n, 64);
        nb[nl - 1] ^= 2;
        len = rsa_priv_der(d, &priv, 0, 0, nb, nl);
        CHECK_EQ_INT(mote_rsa_private_from_der(&priv2, d, len), MOTE_ERR_BAD_KEY);
    }
    /* a small q: primes of different limb counts */
    b[0] = 3;
    len = rsa_priv_der(d, &priv, 0, 2, b, 1);
    CHECK_EQ_INT(mote_rsa_private_from_der(&priv2, d, len), MOTE_ERR_UNSUPPORTED);
    /* dp >= p, qinv >= p, an even p */
    {
        uint8_t pb[300];
        size_t pl = limbs_be(pb, priv.p, 32);
        len = rsa_priv_der(d, &priv, 0, 3, pb, pl);
        CHECK_EQ_INT(mote_rsa_private_from_der(&priv2, d, len), MOTE_ERR_BAD_KEY);
        len = rsa_priv_der(d, &priv, 0, 5, pb, pl);
        CHECK_EQ_INT(mote_rsa_private_from_der(&priv2, d, len), MOTE_ERR_BAD_KEY);
        pl = limbs_be(pb, priv.q, 32); /* dq >= q (dq = q) */
        len = rsa_priv_der(d, &priv, 0, 4, pb, pl);
        CHECK_EQ_INT(mote_rsa_private_from_der(&priv2, d, len), MOTE_ERR_BAD_KEY);
        pl = limbs_be(pb, priv.p, 32);
        pb[pl - 1] ^= 1;
        len = rsa_priv_der(d, &priv, 0, 1, pb, pl);
        CHECK_EQ_INT(mote_rsa_private_from_der(&priv2, d, len), MOTE_ERR_BAD_KEY);
        pb[0] = 0xff; /* dq of 33 limbs */
        memset(pb + 1, 0xff, 4);
        len = rsa_priv_der(d, &priv, 0, 4, pb, pl + 4);
        CHECK_EQ_INT(mote_rsa_private_from_der(&priv2, d, len), MOTE_ERR_BAD_KEY);
    }
    mote_rsa_private_wipe(&priv2);
    CHECK(priv2.bits == 0 && priv2.n[0] == 0);
}

/* x^e for exponents with middle bits (x R kept in place of x, a final
 * product with 1) against the 2^k + 1 exponents (a final product with
 * plain x): x^(a b) = (x^a)^b. */
static void test_pubexp(void)
{
    static const uint32_t ex[][3] = {
        {15, 3, 5}, {196611, 65537, 3}, {0xFFFFFFFFu, 65537, 65535}, {65537 * 17, 17, 65537}};
    uint32_t x[MOTE_RSA_MAX_LIMBS], y[MOTE_RSA_MAX_LIMBS], t[3 * MOTE_RSA_MAX_LIMBS];
    size_t len = unhex(keys[0].spki, der, sizeof der), i, nl, j;
    CHECK_EQ_INT(mote_rsa_public_from_spki(&pub, der, len), MOTE_OK);
    nl = (pub.bits + 31u) / 32;
    for (i = 0; i < sizeof ex / sizeof *ex; i++) {
        for (j = 0; j < nl; j++)
            x[j] = y[j] = (uint32_t)(0x9E3779B9u * (j + 1) + i);
        x[nl - 1] = y[nl - 1] = 1; /* below n */
        mote_rsa_pubexp(x, pub.n, nl, ex[i][0], t);
        mote_rsa_pubexp(y, pub.n, nl, ex[i][1], t);
        mote_rsa_pubexp(y, pub.n, nl, ex[i][2], t);
        CHECK(memcmp(x, y, nl * 4) == 0);
        CHECK(x[0] != (uint32_t)(0x9E3779B9u + i)); /* not left unchanged */
    }
}

static void test_key(size_t k)
{
    uint8_t hash[64];
    size_t len, h, i;
    int r;
    len = unhex(keys[k].der, der, sizeof der);
    CHECK_EQ_INT(mote_rsa_private_from_der(&priv, der, len), MOTE_OK);
    len = unhex(keys[k].spki, der, sizeof der);
    CHECK_EQ_INT(mote_rsa_public_from_spki(&pub, der, len), MOTE_OK);
    CHECK_EQ_INT(pub.bits, keys[k].bits);
    CHECK_EQ_INT(pub.len, (keys[k].bits + 7) / 8);
    mote_rsa_private_public(&priv, &pub2);
    CHECK(memcmp(&pub, &pub2, sizeof pub) == 0);
    for (h = 0; h < 3; h++) {
        const mote_hash_desc *hd = hashes[h], *other = hashes[(h + 1) % 3];
        size_t hl = hd->out_len, sl = pub.len;
        mote_hash(hd, msg, sizeof msg - 1, hash);
        /* PKCS#1 v1.5: OpenSSL's signature verifies, and ours is the same */
        CHECK_EQ_INT(unhex(keys[k].pkcs1[h], sig, sizeof sig), sl);
        CHECK_EQ_INT(mote_rsa_verify_pkcs1(&pub, hd, hash, sig, sl), MOTE_OK);
        memset(sig2, 0, sizeof sig2);
        CHECK_EQ_INT(mote_rsa_sign_pkcs1(&priv, hd, hash, sig2, sl, &rng, work, WORK_WORDS),
                     MOTE_OK);
        CHECK(memcmp(sig, sig2, sl) == 0);
        /* wrong hash, wrong digest, flipped bits, wrong length, other scheme */
        CHECK_EQ_INT(mote_rsa_verify_pkcs1(&pub, other, hash, sig, sl), MOTE_ERR_BAD_SIGNATURE);
        hash[hl - 1] ^= 1;
        CHECK_EQ_INT(mote_rsa_verify_pkcs1(&pub, hd, hash, sig, sl), MOTE_ERR_BAD_SIGNATURE);
        hash[hl - 1] ^= 1;
        sig[sl / 2] ^= 0x10;
        CHECK_EQ_INT(mote_rsa_verify_pkcs1(&pub, hd, hash, sig, sl), MOTE_ERR_BAD_SIGNATURE);
        sig[sl / 2] ^= 0x10;
        CHECK_EQ_INT(mote_rsa_verify_pkcs1(&pub, hd, hash, sig, sl - 1), MOTE_ERR_BAD_SIGNATURE);
        CHECK_EQ_INT(mote_rsa_verify_pkcs1(&pub, hd, hash, sig + 1, sl - 1),
                     MOTE_ERR_BAD_SIGNATURE);
        CHECK_EQ_INT(mote_rsa_verify_pss(&pub, hd, hash, hl, sig, sl), MOTE_ERR_BAD_SIGNATURE);
        /* PSS: OpenSSL's signature verifies with its salt length only */
        CHECK_EQ_INT(unhex(keys[k].pss[h], sig, sizeof sig), sl);
        CHECK_EQ_INT(mote_rsa_verify_pss(&pub, hd, hash, pss_salt[h], sig, sl), MOTE_OK);
        CHECK_EQ_INT(mote_rsa_verify_pss(&pub, hd, hash, pss_salt[h] + 1, sig, sl),
                     MOTE_ERR_BAD_SIGNATURE);
        if (pss_salt[h])
            CHECK_EQ_INT(mote_rsa_verify_pss(&pub, hd, hash, pss_salt[h] - 1, sig, sl),
                         MOTE_ERR_BAD_SIGNATURE);
        CHECK_EQ_INT(mote_rsa_verify_pss(&pub, other, hash, pss_salt[h], sig, sl),
                     MOTE_ERR_BAD_SIGNATURE);
        CHECK_EQ_INT(mote_rsa_verify_pkcs1(&pub, hd, hash, sig, sl), MOTE_ERR_BAD_SIGNATURE);
        hash[0] ^= 0x80;
        CHECK_EQ_INT(mote_rsa_verify_pss(&pub, hd, hash, pss_salt[h], sig, sl),
                     MOTE_ERR_BAD_SIGNATURE);
        hash[0] ^= 0x80;
        sig[sl - 1] ^= 1;
        CHECK_EQ_INT(mote_rsa_verify_pss(&pub, hd, hash, pss_salt[h], sig, sl),
                     MOTE_ERR_BAD_SIGNATURE);
        sig[sl - 1] ^= 1;
        /* our PSS signatures verify, for a few salt lengths up to the largest */
        {
            size_t em_len = (pub.bits - 1 + 7) / 8, salts[4], s;
            salts[0] = 0, salts[1] = hl, salts[2] = 20, salts[3] = em_len - hl - 2;
            for (s = 0; s < 4; s++) {
                r = mote_rsa_sign_pss(&priv, hd, hash, salts[s], sig2, sl, &rng, work, WORK_WORDS);
                CHECK_EQ_INT(r, MOTE_OK);
                CHECK_EQ_INT(mote_rsa_verify_pss(&pub, hd, hash, salts[s], sig2, sl), MOTE_OK);
            }
            CHECK_EQ_INT(mote_rsa_sign_pss(&priv, hd, hash, em_len - hl - 1, sig2, sl, &rng, work,
                                           WORK_WORDS),
                         MOTE_ERR_BAD_INPUT);
            /* two PSS signatures of the same digest differ (random salt) */
            mote_rsa_sign_pss(&priv, hd, hash, hl, sig, sl, &rng, work, WORK_WORDS);
            mote_rsa_sign_pss(&priv, hd, hash, hl, sig2, sl, &rng, work, WORK_WORDS);
            CHECK(memcmp(sig, sig2, sl) != 0);
        }
    }
    /* signing stays inside the workspace it is given, at the documented
     * size and at the minimum (the words after it are untouched) */
    {
        size_t sizes[2], z, g;
        sizes[0] = MOTE_RSA_SIGN_WORK_WORDS(keys[k].bits);
        sizes[1] = MOTE_RSA_SIGN_WORK_MIN_WORDS(keys[k].bits);
        mote_hash(hashes[0], msg, sizeof msg - 1, hash);
        unhex(keys[k].pkcs1[0], sig, sizeof sig);
        for (z = 0; z < 2; z++) {
            for (g = 0; g < WORK_WORDS; g++)
                work[g] = 0xdeadbeefu;
            CHECK_EQ_INT(
                mote_rsa_sign_pkcs1(&priv, hashes[0], hash, sig2, pub.len, &rng, work, sizes[z]),
                MOTE_OK);
            CHECK(memcmp(sig, sig2, pub.len) == 0);
            for (g = sizes[z]; g < WORK_WORDS; g++)
                if (work[g] != 0xdeadbeefu) break;
            CHECK_EQ_INT(g, WORK_WORDS);
            CHECK_EQ_INT(
                mote_rsa_sign_pss(&priv, hashes[0], hash, 32, sig2, pub.len, &rng, work, sizes[z]),
                MOTE_OK);
            CHECK_EQ_INT(mote_rsa_verify_pss(&pub, hashes[0], hash, 32, sig2, pub.len), MOTE_OK);
            for (g = sizes[z]; g < WORK_WORDS; g++)
                if (work[g] != 0xdeadbeefu) break;
            CHECK_EQ_INT(g, WORK_WORDS);
        }
    }
    /* a representative equal to n or above is rejected (the top bytes of n) */
    for (i = 0; i < pub.len; i++)
        sig[i] = (uint8_t)(pub.n[(pub.len - 1 - i) / 4] >> (8 * ((pub.len - 1 - i) % 4)));
    CHECK_EQ_INT(mote_rsa_verify_pkcs1(&pub, hashes[0], hash, sig, pub.len),
                 MOTE_ERR_BAD_SIGNATURE);
    CHECK_EQ_INT(mote_rsa_verify_pss(&pub, hashes[0], hash, 32, sig, pub.len),
                 MOTE_ERR_BAD_SIGNATURE);
}

static void test_work_and_faults(void)
{
    uint8_t hash[32];
    size_t len = unhex(k2048_der, der, sizeof der), sl, w;
    CHECK_EQ_INT(mote_rsa_private_from_der(&priv, der, len), MOTE_OK);
    mote_rsa_private_public(&priv, &pub);
    sl = pub.len;
    mote_hash(&mote_sha256_desc, msg, sizeof msg - 1, hash);
    unhex(k2048_sha256_pkcs1, sig, sizeof sig);
    CHECK_EQ_INT(MOTE_RSA_SIGN_WORK_WORDS(2048), 738);
    CHECK_EQ_INT(MOTE_RSA_SIGN_WORK_MIN_WORDS(2048), 384);
    /* every workspace size from the minimum up gives the same signature */
    for (w = MOTE_RSA_SIGN_WORK_MIN_WORDS(2048); w <= MOTE_RSA_SIGN_WORK_WORDS(2048) + 16 * 32;
         w += 32 * 2) {
        memset(sig2, 0, sl);
        CHECK_EQ_INT(mote_rsa_sign_pkcs1(&priv, &mote_sha256_desc, hash, sig2, sl, &rng, work, w),
                     MOTE_OK);
        CHECK(memcmp(sig, sig2, sl) == 0);
    }
    CHECK_EQ_INT(mote_rsa_sign_pkcs1(&priv, &mote_sha256_desc, hash, sig2, sl, &rng, work,
                                     MOTE_RSA_SIGN_WORK_MIN_WORDS(2048) - 1),
                 MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(
        mote_rsa_sign_pkcs1(&priv, &mote_sha256_desc, hash, sig2, sl, &rng, NULL, WORK_WORDS),
        MOTE_ERR_BAD_INPUT);
    CHECK_EQ_INT(
        mote_rsa_sign_pkcs1(&priv, &mote_sha256_desc, hash, sig2, sl - 1, &rng, work, WORK_WORDS),
        MOTE_ERR_BAD_INPUT);
    /* the workspace is wiped */
    for (w = 0; w < MOTE_RSA_SIGN_WORK_WORDS(2048); w++)
        if (work[w] != 0) break;
    CHECK_EQ_INT(w, MOTE_RSA_SIGN_WORK_WORDS(2048));
    /* unknown hash */
    {
        mote_hash_desc fake = mote_sha256_desc;
        fake.id = 9;
        CHECK_EQ_INT(mote_rsa_sign_pkcs1(&priv, &fake, hash, sig2, sl, &rng, work, WORK_WORDS),
                     MOTE_ERR_BAD_INPUT);
        CHECK_EQ_INT(mote_rsa_verify_pkcs1(&pub, &fake, hash, sig, sl), MOTE_ERR_BAD_INPUT);
        CHECK_EQ_INT(mote_rsa_verify_pss(&pub, &fake, hash, 32, sig, sl), MOTE_ERR_BAD_INPUT);
    }
    /* a failing generator: nothing is signed */
    CHECK_EQ_INT(
        mote_rsa_sign_pkcs1(&priv, &mote_sha256_desc, hash, sig2, sl, &unseeded, work, WORK_WORDS),
        MOTE_ERR_RNG_RESEED);
    CHECK_EQ_INT(mote_rsa_sign_pss(&priv, &mote_sha256_desc, hash, 32, sig2, sl, &unseeded, work,
                                   WORK_WORDS),
                 MOTE_ERR_RNG_RESEED);
    /* blinding draws from the DRBG on every signature (once; PSS: twice) */
    {
        uint32_t before = rng.reseed_counter;
        mote_rsa_sign_pkcs1(&priv, &mote_sha256_desc, hash, sig2, sl, &rng, work, WORK_WORDS);
        CHECK_EQ_INT(rng.reseed_counter, before + 1);
        mote_rsa_sign_pss(&priv, &mote_sha256_desc, hash, 32, sig2, sl, &rng, work, WORK_WORDS);
        CHECK_EQ_INT(rng.reseed_counter, before + 3);
    }

    /* Faults: a corrupted CRT component gives a wrong half result; the
     * public-exponent check catches it and nothing is released. */
    {
        size_t i, c;
        uint32_t *comp[5];
        comp[0] = priv2.dp, comp[1] = priv2.dq, comp[2] = priv2.qinv, comp[3] = priv2.p,
        comp[4] = priv2.q;
        for (c = 0; c < 5; c++) {
            priv2 = priv;
            comp[c][3] ^= 0x100;
            memset(sig2, 0x5a, sl);
            CHECK_EQ_INT(mote_rsa_sign_pkcs1(&priv2, &mote_sha256_desc, hash, sig2, sl, &rng, work,
                                             WORK_WORDS),
                         MOTE_ERR_FAULT);
            for (i = 0; i < sl; i++)
                if (sig2[i] != 0) break;
            CHECK_EQ_INT(i, sl);
        }
        /* the intact key still signs */
        CHECK_EQ_INT(
            mote_rsa_sign_pkcs1(&priv, &mote_sha256_desc, hash, sig2, sl, &rng, work, WORK_WORDS),
            MOTE_OK);
        CHECK(memcmp(sig, sig2, sl) == 0);
    }
}

int main(void)
{
    size_t k;
    uint8_t seed[48];
    memset(seed, 0x42, sizeof seed);
    CHECK_EQ_INT(mote_drbg_seed(&rng, seed, sizeof seed, NULL, 0), MOTE_OK);
    test_public_parse();
    test_private_parse();
    for (k = 0; k < sizeof keys / sizeof *keys; k++)
        test_key(k);
    test_work_and_faults();
    test_pubexp();
    printf("sizeof(mote_rsa_public_key) = %u, sizeof(mote_rsa_private_key) = %u\n",
           (unsigned)sizeof(mote_rsa_public_key), (unsigned)sizeof(mote_rsa_private_key));
    return test_done("rsa");
}
