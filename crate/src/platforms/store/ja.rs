//! 証明書ストアと証明書ファイル: タイムラインの行 (`LINES`) と検出結果
//! (`FINDINGS`) の日本語テキスト。コードごとに英語の表 (`rules.rs` の
//! `LINES`、`findings.rs` の `TABLE`) と対応し、`{name}` と `[…]` も同じです。

use crate::platforms::findings::Text;
use crate::platforms::lines::Line;

pub static LINES: &[Line] = &[
    Line {
        code: "store.in-user-store",
        text: "現在のユーザーの {store} ストアにあります: {subject}[、発行者 {issuer}][、シリアル番号 {serial}][、有効期間の開始 {not_before}][、終了 {not_after}]",
    },
    Line {
        code: "store.in-machine-store",
        text: "ローカル コンピューターの {store} ストアにあります: {subject}[、発行者 {issuer}][、シリアル番号 {serial}][、有効期間の開始 {not_before}][、終了 {not_after}]",
    },
    Line {
        code: "store.in-store",
        text: "{store} ストアにあります: {subject}[、発行者 {issuer}][、シリアル番号 {serial}][、有効期間の開始 {not_before}][、終了 {not_after}]",
    },
    Line {
        code: "store.in-file",
        text: "証明書ファイル: {subject}[、発行者 {issuer}][、シリアル番号 {serial}][、有効期間の開始 {not_before}][、終了 {not_after}] (UTC)",
    },
    Line {
        code: "store.named-in-file",
        text: "証明書 {thumbprint} はファイルの証明書です[: {subject}]",
    },
    Line {
        code: "store.root-not-self-signed",
        text: "信頼されたルート証明機関にありますが、発行先 ({subject}) と発行者 ({issuer}) が異なります",
    },
    Line {
        code: "store.root-in-user-store",
        text: "ルート証明書はローカル コンピューターではなく現在のユーザーの信頼されたルート証明機関ストアにあります",
    },
    Line {
        code: "store.no-private-key",
        text: "この証明書に対応する秘密キーがありません",
    },
    Line {
        code: "store.no-client-auth",
        text: "拡張キー使用法にクライアント認証がありません[ ({eku})]",
    },
    Line {
        code: "store.intermediate-file",
        text: "{issuer} が発行した CA 証明書です。ルートではなく中間証明書です",
    },
    Line {
        code: "store.damaged-certificate",
        text: "デコードできない証明書のブロックがあります",
    },
];

pub static FINDINGS: &[Text] = &[
    Text {
        code: "store.root-not-self-signed",
        title: "信頼されたルート証明機関にある証明書がルート証明書ではありません",
        explanation: "信頼されたルート証明機関にある証明書の発行先は {subject}、発行者は {issuer} です。ルート証明書は自分自身が発行したもの (発行先 = 発行者) です。この証明書は中間 (発行) CA の証明書なので、SCEP 証明書のチェーンが信頼されたルートで終わらず、NDES とデバイスは CA を信頼しません。",
        fix: "ルート証明書そのもの (チェーンの最上位) をエクスポートします (certmgr.msc で SCEP 証明書を開き [証明のパス] で最上位の証明書を選び、[証明書の表示] > [詳細] > [ファイルにコピー])。それを SCEP プロファイルと同じグループに割り当てた Intune の信頼された証明書プロファイルで使います。中間証明書は信頼されたルート証明機関ではなく中間証明機関に置きます。",
    },
    Text {
        code: "store.root-in-user-store",
        title: "ルート証明書が現在のユーザーの信頼されたルート証明機関にしかありません",
        explanation: "ルート証明書 {subject} は現在のユーザーの信頼されたルート証明機関の一覧にあります。記事が確認するのはローカル コンピューターのストア (証明書 (ローカル コンピューター) > 信頼されたルート証明機関) で、Intune の信頼された証明書プロファイルはデバイス全体で信頼するためにルートをそこに置きます。",
        fix: "certmgr.msc の [証明書 (ローカル コンピューター)] > [信頼されたルート証明機関] > [証明書] を確認するか、certutil -store Root (-user なし) を実行します。そこにルートがない場合は、Intune の信頼された証明書プロファイル (Windows、コンピューター証明書ストア - ルート) をデバイスのグループに割り当て、デバイスを同期します。",
    },
    Text {
        code: "store.no-private-key",
        title: "個人ストアの証明書に秘密キーがありません",
        explanation: "証明書 {subject} (拇印 {thumbprint}) は個人ストアにありますが、対応する秘密キーがありません (certutil: Missing stored keyset または No key provider information、PowerShell: HasPrivateKey False)。Wi-Fi、VPN などはこの証明書で認証できません。",
        fix: "ストアから証明書を削除し、デバイスにもう一度要求させます (デバイスを同期するか、SCEP プロファイルの割り当てを外して割り当て直します)。それでもキーなしで戻る場合は、SCEP プロファイルのキー記憶域プロバイダー (TPM またはソフトウェア KSP) とデバイスの TPM の状態を確認します。.cer ファイルからインポートした証明書にはキーがありません。",
    },
    Text {
        code: "store.no-client-auth",
        title: "証明書にクライアント認証の用途がありません",
        explanation: "証明書 {subject} の拡張キー使用法は {eku} で、クライアント認証 (1.3.6.1.5.5.7.3.2) がありません。Wi-Fi、VPN などの証明書によるサインインはクライアント認証を探すため、この証明書を使いません。",
        fix: "Intune で SCEP プロファイルの拡張キー使用法にクライアント認証を追加し、CA で SCEP 証明書テンプレートのアプリケーション ポリシーにクライアント認証が含まれることを確認します。デバイスは次のチェックインで新しい証明書を受け取ります。",
    },
    Text {
        code: "store.intermediate-file",
        title: "この CA 証明書はルートではなく中間証明書です",
        explanation: "証明書ファイルにあるのは {issuer} が発行した CA 証明書 {subject} です。ルート (発行先 = 発行者) ではなく中間 (発行) CA です。これで作った信頼された証明書プロファイルではデバイスがチェーンを信頼せず、これをルート証明書とする SCEP プロファイルはデバイスのルートと一致しません。",
        fix: "ルート CA 証明書 (証明のパスの最上位) をエクスポートし、SCEP プロファイルがルート証明書として指定する Intune の信頼された証明書プロファイルで使います。デバイスに中間証明書も必要な場合は、別の信頼された証明書プロファイル (中間ストア) で展開します。",
    },
    Text {
        code: "store.damaged-certificate",
        title: "デコードできない証明書のブロックがあります",
        explanation: "ファイル内の Base-64 のブロックが、読み取れる証明書でも PKCS #7 のバンドルでもありません。コピーの途中で切れたか、変更されています。",
        fix: "証明書をもう一度エクスポートし (certmgr.msc > 証明書 > [詳細] > [ファイルにコピー]、DER または Base-64)、編集せずにそのままのファイルを追加します。",
    },
    Text {
        code: "store.no-evidence",
        title: "この一覧に証明書がありません",
        explanation: "ストアの一覧または証明書ファイルは読み取りましたが、証明書がありません。ストアが空か、証明書が入るのとは別のストアの一覧です。",
        fix: "記事が確認するストアを一覧にします: certutil -store Root (ローカル コンピューターの信頼されたルート証明機関) と certutil -user -store My (現在のユーザーの個人。SYSTEM ではなくそのユーザーとして実行)、または Get-ChildItem Cert:\\LocalMachine\\Root と Cert:\\CurrentUser\\My | Format-List *。",
    },
    Text {
        code: "store.issuer-not-in-stores",
        title: "個人ストアの証明書は、一覧にあるルートや中間のストアにない証明機関から発行されています",
        explanation: "個人ストアの証明書 {subject} (拇印 {thumbprint}) の発行者は {issuer} ですが、一覧にある信頼されたルート証明機関や中間証明機関のストアの証明書にも、一緒に追加された CA 証明書ファイルにも、この証明書の発行者がありません (証明書が発行者のキー識別子を持ち、CA 証明書が自分のキー識別子を持つ場合はキー識別子で、それ以外はサブジェクトで比べます。同じ名前でもキーが異なる CA (更新された CA など) は発行者ではありません)。デバイスが持つ信頼されたルートとは別の証明機関 (またはインストールされていない中間証明機関) から発行されたため、チェーンが構築できず、Wi-Fi、VPN などのサーバーに拒否されることがあります。",
        fix: "証明書の発行者を、Intune の信頼された証明書プロファイルのルート証明書と比べてください。SCEP 証明書プロファイルは NDES が登録先とする証明機関の信頼された証明書プロファイルを参照し、中間証明書はそれぞれ別の信頼された証明書プロファイルで、同じグループに割り当てる必要があります。中間証明機関が発行した場合は、中間証明機関ストアの一覧 (certutil -store CA) も取り、そこにあることを確認してください。",
    },
    Text {
        code: "store.expired-at-log-time",
        title: "デバイスが記録した時点で証明書の有効期限が切れていました",
        explanation: "証明書 {subject} (拇印 {thumbprint}) の有効期間の終了は {not_after} (UTC) ですが、この証明書を指すデバイスの行は {time} に書かれており、それより後です。期限切れの証明書は Wi-Fi、VPN などのサインインに使われず、期限切れのルート証明書ではデバイスは証明機関を信頼しません。",
        fix: "SCEP 証明書の場合: SCEP 証明書プロファイルの証明書の有効期間と更新のしきい値を確認し、デバイスに新しい証明書を要求させてください (同期、またはプロファイルの割り当て解除と再割り当て)。ルート証明書の場合: 証明機関の証明書を更新し、新しいルート証明書を信頼された証明書プロファイルにアップロードして、SCEP 証明書プロファイルからそれを参照してください。",
    },
    Text {
        code: "store.not-yet-valid-at-log-time",
        title: "デバイスが記録した時点で証明書はまだ有効になっていませんでした: 時計がずれています",
        explanation: "証明書 {subject} (拇印 {thumbprint}) の有効期間の開始は {not_before} (UTC) ですが、この証明書を指すデバイスの行は {time} に書かれており、それより前です。デバイスが見た時点より後に始まる証明書はありえないため、どちらかの時計が誤っています: デバイスの時計 (遅れている) か、証明機関の時計 (進んでいて、証明書の日付を未来にした) です。",
        fix: "デバイスの日付、時刻、タイム ゾーンを信頼できる時刻と比べ、時刻の自動設定をオンにしてください。証明機関のサーバーでは時計と時刻のソースを確認します (w32tm /query /status)。時計がそろったらデバイスを同期してください。未来の日付の証明書は開始日時になると使えるようになります。新しい証明書を要求することもできます。",
    },
    Text {
        code: "store.issued-by-other-ca",
        title: "証明書は、プロファイルが指定する証明機関とは別の証明機関から発行されています",
        explanation: "SCEP 証明書プロファイルは CA 証明書 {ca_thumbprint} ({ca_subject}) を指定していますが、証明書 {subject} (拇印 {thumbprint}) の発行者は {issuer} で、一覧にある証明書でたどったチェーンは {root} で終わります。NDES がプロファイルのルートとは別の証明機関に登録したため、デバイスはチェーンを信頼せず、プロファイルの証明機関を信頼するサーバーはこの証明書を拒否します。",
        fix: "NDES サーバーで、Certificate Connector と NDES がどの証明機関に登録しているか (NDES のインストール時に構成した証明機関、RA 証明書の発行者) を確認してください。NDES の登録先をプロファイルのルートの証明機関にするか、SCEP 証明書プロファイルが {root} を入れた信頼された証明書プロファイルを参照するようにし、中間証明書も同じグループに展開してください。",
    },
    Text {
        code: "store.ca-renewed",
        title: "プロファイルの証明機関と同じ名前のルート証明書が 2 つあります: 証明機関が更新されています",
        explanation: "プロファイルは CA 証明書 {thumbprint} ({subject}) を指定していますが、一覧にある証明書には同じサブジェクトの自己発行の証明書がもう 1 つあり、その拇印は {other_thumbprint} です。証明機関が新しい証明書で更新された (またはプロファイルが古い証明書を持っている) ため、証明機関が今発行する証明書は新しい証明書につながり、プロファイルの拇印と一致しません。",
        fix: "証明機関の現在のルート証明書をエクスポートし (証明機関で certutil -ca.cert root.cer、または証明機関のプロパティで最新の証明書)、Intune の信頼された証明書プロファイル (または新しいプロファイル) にアップロードして、SCEP 証明書プロファイルからそれを参照してください。古いルート証明書は、それが発行した証明書の期限が切れるまで展開したままにします。",
    },
];
